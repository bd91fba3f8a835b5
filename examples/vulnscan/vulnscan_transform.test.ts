/**
 * Tests for the VulnScan API transforms: one record of each operation, and one test per value of a
 * vendor state. RED until the mapping is written; the expectations are suggestions (the comments
 * say where they guess): correct them first.
 */
import { Asset, Risk } from "@capkit/runtime";
import { describe, expect, it } from "vitest";
import { at } from "./vulnscan_mock.js";
import * as samples from "./vulnscan_samples.js";
import { toFindingRisk, toHostAsset } from "./vulnscan_transform.js";
import { FindingRecord, HostRecord } from "./vulnscan_types.js";

const host = new Asset("app.example.com", "93.184.216.34");

describe("vulnscan: transforms (RED until the mapping is written)", () => {
  it("toFindingRisk maps one listFindings record to a Risk", () => {
    const record = FindingRecord.parse(samples.listFindingsSample);
    // A guess: correct this expectation before writing the mapping.
    // named by cve_id ?? id (or: title)
    // severity from severity (or: cvss_score)
    expect(toFindingRisk(record, host)).toEqual(new Risk(host, "CVE-2024-3400", "TC"));
  });

  it.each([
    ["open", "T"],
    ["fixed", "R"],
    ["accepted", "I"],
  ])("toFindingRisk maps status %s to the platform state %s", (value, state) => {
    const record = FindingRecord.parse(at(samples.listFindingsSample, { status: value }));
    expect(toFindingRisk(record, host).status.charAt(0)).toBe(state);
  });

  it("toHostAsset maps one listHosts record to an Asset", () => {
    const record = HostRecord.parse(samples.listHostsSample);
    // A guess: correct this expectation before writing the mapping.
    // asset from hostname (or: ip_address)
    expect(toHostAsset(record)).toEqual(new Asset("vpn.acme.example", "93.184.216.34"));
  });

  it("maps a fixed finding without a CVE to a remediated risk named by its id", () => {
    const record = FindingRecord.parse(
      at(samples.listFindingsSample, { cve_id: null, status: "fixed" }),
    );
    expect(toFindingRisk(record, host)).toEqual(
      new Risk(host, samples.listFindingsSample.id, "RC"),
    );
  });
});
