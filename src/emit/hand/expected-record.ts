/**
 * The platform record a transform should produce for its sample: shown as a suggestion in the
 * transform's note and asserted by the RED test. It is a starting point the engineer edits, so it
 * only uses the field hints and the sample, never guesses beyond them.
 */
import type { FieldHint, OperationModel } from "../../model/types.js";
import { stringLiteral } from "../safe-text.js";

export interface ExpectedRecord {
  /** The TypeScript expression the test expects, e.g. `new Asset("a.example", "203.0.113.9")`. */
  expected: string;
  /** The mapping the transform's note suggests, e.g. `new Asset(record.hostname, record.ip)`. */
  suggestion: string;
  /** Runtime names the expected expression uses. */
  imports: string[];
}

const SEVERITY_LETTER: Record<string, string> = {
  info: "I",
  informational: "I",
  none: "I",
  low: "L",
  medium: "M",
  moderate: "M",
  high: "H",
  important: "H",
  critical: "C",
};

function valueAt(sample: unknown, dotted: string): unknown {
  let node = sample;
  for (const key of dotted.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function accessor(dotted: string): string {
  return `record${dotted
    .split(".")
    .map((key, i) => `${i > 0 ? "?." : ""}[${stringLiteral(key)}]`)
    .join("")}`;
}

interface Field {
  path: string;
  value: string;
}

function firstField(op: OperationModel, hints: FieldHint[]): Field | undefined {
  for (const hint of hints) {
    for (const entry of op.fieldHints) {
      if (entry.hint !== hint) continue;
      const value = valueAt(op.sample, entry.field);
      if (typeof value === "string" || typeof value === "number") {
        return { path: entry.field, value: String(value) };
      }
    }
  }
  return undefined;
}

function firstScalar(op: OperationModel): Field | undefined {
  if (typeof op.sample !== "object" || op.sample === null) return undefined;
  for (const [key, value] of Object.entries(op.sample)) {
    if (typeof value === "string" || typeof value === "number")
      return { path: key, value: String(value) };
  }
  return undefined;
}

const lit = (f: Field | undefined) => stringLiteral(f?.value ?? "");
const get = (f: Field | undefined) => (f ? `String(${accessor(f.path)})` : '""');

function assetParts(op: OperationModel): { dns?: Field; name?: Field } {
  const host = firstField(op, ["hostname", "fqdn", "dns", "url"]);
  const ip = firstField(op, ["ip"]);
  const fallback = (host ?? ip) ? undefined : (firstField(op, ["name", "id"]) ?? firstScalar(op));
  const dns = host ?? ip ?? fallback;
  const name = ip ?? host ?? fallback;
  return { ...(dns ? { dns } : {}), ...(name ? { name } : {}) };
}

function forAsset(op: OperationModel): ExpectedRecord {
  const { dns, name } = assetParts(op);
  return {
    expected: `new Asset(${lit(dns)}, ${lit(name)})`,
    suggestion: `new Asset(${get(dns)}, ${get(name)})`,
    imports: ["Asset"],
  };
}

function forRisk(op: OperationModel): ExpectedRecord {
  const host = firstField(op, ["hostname", "fqdn", "dns", "ip"]);
  const title = firstField(op, ["cve", "name", "id"]) ?? firstScalar(op);
  const severity = firstField(op, ["severity"]);
  const cvss = firstField(op, ["cvss"]);
  const letter = severity ? SEVERITY_LETTER[severity.value.toLowerCase()] : undefined;
  const imports = ["Risk"];
  let status = stringLiteral("TI");
  let statusSuggestion = `"TI"`;
  if (letter) {
    status = stringLiteral(`T${letter}`);
    statusSuggestion = `"T" + the letter of ${accessor(severity!.path)} (I, L, M, H, C)`;
  } else if (cvss && Number.isFinite(Number(cvss.value))) {
    status = `cvssToStatus(${Number(cvss.value)})`;
    statusSuggestion = `cvssToStatus(Number(${accessor(cvss.path)}))`;
    imports.push("cvssToStatus");
  }
  const target = host ? `new Asset(${lit(host)}, ${lit(host)})` : "target";
  const targetSuggestion = host ? `new Asset(${get(host)}, ${get(host)})` : "target";
  if (host) imports.push("Asset");
  return {
    expected: `new Risk(${target}, ${lit(title)}, ${status})`,
    suggestion: `new Risk(${targetSuggestion}, ${get(title)}, ${statusSuggestion})`,
    imports,
  };
}

function forAttribute(op: OperationModel): ExpectedRecord {
  const value = firstField(op, ["name", "port", "id"]) ?? firstScalar(op);
  const name = stringLiteral(op.recordName.toLowerCase());
  return {
    expected: `new Attribute(${name}, ${lit(value)}, target)`,
    suggestion: `new Attribute(${name}, ${get(value)}, target)`,
    imports: ["Attribute"],
  };
}

export function expectedRecord(op: OperationModel): ExpectedRecord {
  if (op.recordKind === "asset") return forAsset(op);
  if (op.recordKind === "risk") return forRisk(op);
  return forAttribute(op);
}
