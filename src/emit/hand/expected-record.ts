/**
 * The platform record a transform should produce: as code for the transform's note, as a value
 * for the tests. Both come from the model's suggested mapping, so the note and the RED test agree.
 */
import type { MappingModel, OperationModel } from "../../model/types.js";
import { identifier, stringLiteral } from "../safe-text.js";
import { choiceCode, choiceValue, statusCode, statusValue } from "./mapping-code.js";

/** What a risk or attribute hangs off: a joined asset (a parameter), its own fields, or the target. */
export type Parent =
  | { kind: "join"; param: string; type: "Asset" }
  | { kind: "locator" }
  | { kind: "target"; param: "target"; type: "Integration" }
  | { kind: "none" };

export function parentOf(op: OperationModel): Parent {
  if (op.recordKind === "asset") return { kind: "none" };
  const { join, locator } = op.mapping;
  if (join) return { kind: "join", param: joinParam(op.mapping), type: "Asset" };
  if (locator) return { kind: "locator" };
  return { kind: "target", param: "target", type: "Integration" };
}

/** `host` for a record that names a host by `host_id`. */
export function joinParam(mapping: MappingModel): string {
  const noun = mapping.join?.noun ?? "asset";
  const camel = noun.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  try {
    return identifier(camel);
  } catch {
    return "asset";
  }
}

const UNKNOWN = "unknown";

function assetCode(op: OperationModel): string {
  const { locator, identity } = op.mapping;
  if (locator)
    return `new Asset(${choiceCode(locator.dns, UNKNOWN)}, ${choiceCode(locator.name, UNKNOWN)})`;
  const name = identity ? choiceCode(identity, UNKNOWN) : stringLiteral(UNKNOWN);
  return `new Asset(${name}, ${name})`;
}

/** The asset a record is (an asset record) or names (a located risk or attribute), as a value. */
export function assetValue(op: OperationModel, record: unknown): string {
  const { locator, identity } = op.mapping;
  if (locator) {
    const dns = choiceValue(locator.dns, record, UNKNOWN);
    const name = choiceValue(locator.name, record, UNKNOWN);
    return `new Asset(${stringLiteral(dns)}, ${stringLiteral(name)})`;
  }
  const name = stringLiteral(identity ? choiceValue(identity, record, UNKNOWN) : UNKNOWN);
  return `new Asset(${name}, ${name})`;
}

function parentCode(op: OperationModel): string {
  const parent = parentOf(op);
  if (parent.kind === "join" || parent.kind === "target") return parent.param;
  return assetCode(op);
}

/** The mapping the transform's note suggests, as code the engineer can paste. */
export function suggestion(op: OperationModel): string {
  const { identity } = op.mapping;
  const name = identity ? choiceCode(identity, UNKNOWN) : stringLiteral(UNKNOWN);
  if (op.recordKind === "asset") return assetCode(op);
  if (op.recordKind === "risk")
    return `new Risk(${parentCode(op)}, ${name}, ${statusCode(op.mapping, op.recordName)})`;
  return `new Attribute(${stringLiteral(attributeName(op))}, ${name}, ${parentCode(op)})`;
}

export const attributeName = (op: OperationModel) =>
  op.mapping.attributeName ?? op.recordName.toLowerCase();

/**
 * The expected record for one record value. `parent` is the expected joined asset or the target
 * (code), for records that do not name their asset themselves.
 */
export function expectedValue(op: OperationModel, record: unknown, parent: string): string {
  if (op.recordKind === "asset") return assetValue(op, record);
  const kind = parentOf(op).kind;
  const on = kind === "locator" ? assetValue(op, record) : parent;
  const { identity } = op.mapping;
  const name = stringLiteral(identity ? choiceValue(identity, record, UNKNOWN) : UNKNOWN);
  if (op.recordKind === "risk")
    return `new Risk(${on}, ${name}, ${stringLiteral(statusValue(op.mapping, record))})`;
  return `new Attribute(${stringLiteral(attributeName(op))}, ${name}, ${on})`;
}

/** Runtime names the suggestion uses beyond the kind's class. */
export function suggestionImports(op: OperationModel): string[] {
  const names: string[] = [];
  if (op.recordKind !== "asset" && parentOf(op).kind === "locator") names.push("Asset");
  if (op.recordKind === "risk" && op.mapping.severity?.kind === "cvss") names.push("cvssToStatus");
  return names;
}

/** Notes on the choices a suggestion made that had alternatives, for the comment beside a test. */
export function guesses(op: OperationModel): string[] {
  const notes: string[] = [];
  const { identity, locator, join, severity, state } = op.mapping;
  const path = (p: string[]) => p.join(".");
  const what = op.recordKind === "risk" ? "named by" : "identified by";
  const identityUsed = op.recordKind !== "asset" || !locator;
  if (identityUsed && identity && identity.alternatives.length > 0)
    notes.push(
      `${what} ${identity.fields.map((f) => path(f.path)).join(" ?? ")} (or: ${identity.alternatives.join(", ")})`,
    );
  if (!identity && op.recordKind !== "asset") notes.push(`no field names the record: "${UNKNOWN}"`);
  if (op.recordKind !== "asset" && !join && !locator)
    notes.push("hangs off the integration: the record names no host, repository or URL");
  if (locator && locator.dns.alternatives.length > 0)
    notes.push(
      `asset from ${locator.dns.fields.map((f) => path(f.path)).join(" ?? ")} (or: ${locator.dns.alternatives.join(", ")})`,
    );
  if (op.recordKind === "risk") {
    if (!severity) notes.push('no severity or CVSS field: severity "I" (info)');
    if (severity?.alternative) {
      const from = severity.kind === "cvss" ? severity.field.path : severity.table.field.path;
      notes.push(`severity from ${path(from)} (or: ${severity.alternative})`);
    }
    if (severity?.kind === "enum" && severity.table.entries.some((e) => !e.known))
      notes.push(`severity words capkit does not know in ${path(severity.table.field.path)}`);
    if (state?.entries.some((e) => !e.known))
      notes.push(`state words capkit does not know in ${path(state.field.path)}`);
  }
  return notes;
}
