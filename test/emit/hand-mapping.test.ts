// The suggested mapping as code (the transform's note) and as values (the tests' expectations):
// both must agree, and spec text must stay data.
import { describe, expect, it } from "vitest";
import { firstSentence } from "../../src/emit/hand/emit.js";
import {
  accessor,
  choiceCode,
  choiceValue,
  statusCode,
  statusValue,
} from "../../src/emit/hand/mapping-code.js";
import { another, variantsFor } from "../../src/emit/hand/variants.js";
import type { MappingModel, OperationModel, RecordField } from "../../src/model/types.js";

const field = (path: string, optional = false, type = "string"): RecordField => ({
  path: path.split("."),
  optional,
  type,
});

describe("hand > accessors and choices", () => {
  const cases: [string, RecordField, string][] = [
    ["a plain field", field("cve"), "record.cve"],
    [
      "a nested optional field chains",
      field("repository.full_name", true),
      "record.repository?.full_name",
    ],
    ["a name that is no identifier is a string key", field("*/ ${x}"), 'record["*/ ${x}"]'],
    ["__proto__ is never a property access", field("__proto__"), 'record["__proto__"]'],
  ];
  it.each(cases)("%s", (_name, f, want) => expect(accessor(f)).toBe(want));

  it("falls back field by field, and to a literal only when every field can be missing", () => {
    const cve = field("cve_id", true);
    const id = field("number", false, "integer");
    expect(choiceCode({ fields: [cve, id], alternatives: [] }, "unknown")).toBe(
      "record.cve_id ?? String(record.number)",
    );
    expect(choiceCode({ fields: [cve], alternatives: [] }, "unknown")).toBe(
      'record.cve_id ?? "unknown"',
    );
    expect(choiceCode({ fields: [field("n", true, "integer")], alternatives: [] }, "x")).toBe(
      'record.n?.toString() ?? "x"',
    );
    // the value the tests expect is what the code gives on the record
    expect(choiceValue({ fields: [cve, id], alternatives: [] }, { number: 7 }, "unknown")).toBe(
      "7",
    );
    expect(choiceValue({ fields: [cve, id], alternatives: [] }, { cve_id: "CVE-1" }, "x")).toBe(
      "CVE-1",
    );
  });
});

describe("hand > risk status", () => {
  const state = {
    field: field("state", true),
    entries: [
      { value: "open", letter: "T", known: true },
      { value: "fixed", letter: "R", known: true },
    ],
  };
  const cases: [string, MappingModel, string, object, string][] = [
    ["no state, no severity", {}, '"TI"', {}, "TI"],
    [
      "a state table and a CVSS score",
      { state, severity: { kind: "cvss", field: field("cvss", false, "number") } },
      'cvssToStatus(record.cvss, FINDING_STATE[record.state ?? ""] ?? "T")',
      { state: "fixed", cvss: 9.8 },
      "RC",
    ],
    [
      "an unknown state falls back to triage; a missing score to info",
      { state, severity: { kind: "cvss", field: field("cvss", true, "number") } },
      'cvssToStatus(record.cvss ?? 0, FINDING_STATE[record.state ?? ""] ?? "T")',
      { state: "snoozed" },
      "TI",
    ],
    [
      "a severity table and no state",
      {
        severity: {
          kind: "enum",
          table: {
            field: field("severity"),
            entries: [{ value: "high", letter: "H", known: true }],
          },
        },
      },
      '`T${FINDING_SEVERITY[record.severity] ?? "I"}`',
      { severity: "high" },
      "TH",
    ],
  ];
  it.each(cases)("%s", (_name, mapping, code, record, value) => {
    expect(statusCode(mapping, "Finding")).toBe(code);
    expect(statusValue(mapping, record)).toBe(value);
  });
});

describe("hand > the records the invoke test serves", () => {
  const op = (mapping: MappingModel, recordKind: OperationModel["recordKind"] = "risk") =>
    ({ recordKind, recordName: "Host", mapping, sample: {} }) as unknown as OperationModel;

  it("a host: two public addresses and a private one, the private one dropped", () => {
    const ip = { ...field("ip"), format: "ipv4" };
    const host = field("hostname", true);
    const variants = variantsFor(
      op(
        {
          locator: {
            kind: "host",
            dns: { fields: [host, ip], alternatives: [] },
            name: { fields: [ip], alternatives: [] },
          },
        },
        "asset",
      ),
      { id: "h", hostname: "web-01.corp.example", ip: "203.0.113.10" },
      field("id"),
    );
    expect(variants.map((v) => [v.record, v.dropped])).toEqual([
      [{ id: "host-1", hostname: "app.example.com", ip: "93.184.216.34" }, false],
      [{ id: "host-2", hostname: "vpn.example.com", ip: "93.184.216.35" }, false],
      [{ id: "host-3", hostname: "db.internal", ip: "10.1.2.3" }, true],
    ]);
  });

  it("a record that names no asset: itself and another finding, so a constant name shows", () => {
    const variants = variantsFor(op({ identity: { fields: [field("cve")], alternatives: [] } }), {
      cve: "CVE-2024-3094",
    });
    expect(variants.map((v) => v.record)).toEqual([
      { cve: "CVE-2024-3094" },
      { cve: "CVE-2024-3095" },
    ]);
  });

  it("another value keeps the shape of the first", () => {
    expect(another("CVE-2024-0099", field("cve"))).toBe("CVE-2024-0100");
    expect(another("fnd_19c2e0", field("id"))).toBe("fnd_19c2e1");
    expect(another("octocat", field("login"))).toBe("octocat-2");
    expect(another("41", field("n", false, "integer"))).toBe(42);
  });
});

describe("hand > the capability's description", () => {
  const cases: [string, string][] = [
    [
      "VulnScan discovers hosts. This document is capkit's bundled example.",
      "VulnScan discovers hosts.",
    ],
    ["Version 1.2 of the API", "Version 1.2 of the API"],
    ["*/ evil\n\nsecond paragraph. more", "*\\/ evil second paragraph."],
  ];
  it.each(cases)("%s", (text, want) => expect(firstSentence(text)).toBe(want));
});
