import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/index.js";
import { singularName } from "../../src/shared/singular.js";
import { specOf } from "../openapi/helpers.js";

const listOf = (items: object) => ({
  "200": {
    description: "ok",
    content: { "application/json": { schema: { type: "array", items } } },
  },
});

describe("record names > singular", () => {
  const cases: [string, string][] = [
    ["DeviceStatuses", "DeviceStatus"],
    ["deviceStatuses", "deviceStatus"],
    ["policies", "policy"],
    ["addresses", "address"],
    ["people", "person"],
    ["Vulnerabilities", "Vulnerability"],
    ["analyses", "analysis"],
    ["CVEs", "CVE"],
    ["data", "data"],
    ["caches", "cache"],
    ["Status", "Status"],
    ["SignInAttempts", "SignInAttempt"],
  ];
  it.each(cases)("%s → %s", (given, want) => {
    expect(singularName(given)).toBe(want);
  });
});

describe("record names > from the schema, renamed only on a collision", () => {
  const model = (paths: Record<string, Record<string, unknown>>) =>
    buildModel(specOf({ paths, components: { schemas: { Device: { type: "object" } } } }), {
      name: "acme",
      operations: Object.values(paths).map(
        (p) => (p as { get: { operationId: string } }).get.operationId,
      ),
    });

  it("takes the schema's own name, singular, and reports nothing", () => {
    const m = model({
      "/organizations/{id}/deviceStatuses": {
        get: {
          operationId: "getOrganizationDeviceStatuses",
          responses: listOf({ type: "object" }),
        },
      },
      "/networks/{id}/devices": {
        get: {
          operationId: "getNetworkDevices",
          responses: listOf({ $ref: "#/components/schemas/Device" }),
        },
      },
    });
    expect(m.operations.map((o) => o.recordName)).toEqual(["DeviceStatus", "Device"]);
    expect(m.renames.filter((r) => r.kind === "record")).toEqual([]);
  });

  it("renames the second of two records that would share a name, by its scope", () => {
    const m = model({
      "/networks/{id}/devices": {
        get: {
          operationId: "getNetworkDevices",
          responses: listOf({ $ref: "#/components/schemas/Device" }),
        },
      },
      "/organizations/{id}/devices": {
        get: {
          operationId: "getOrganizationDevices",
          responses: listOf({ $ref: "#/components/schemas/Device" }),
        },
      },
    });
    expect(m.operations.map((o) => o.recordName)).toEqual(["Device", "OrganizationDevice"]);
    expect(m.renames.filter((r) => r.kind === "record")).toEqual([
      expect.objectContaining({ from: "Device", to: "OrganizationDevice" }),
    ]);
  });
});
