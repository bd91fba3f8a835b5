/**
 * The suggested mapping of one record to a platform record: the asset it is or hangs off, what
 * names it, its severity and state. The transform's note proposes it and the RED tests expect it;
 * every choice that had alternatives lists them, so the engineer can correct the expectation.
 */
import {
  choice,
  hintOf,
  isScalar,
  isTime,
  leafOf,
  requiredFirst,
  wordsOf,
} from "./mapping-fields.js";
import { locate } from "./mapping-locator.js";
import { cvssField, severityTable, stateTable } from "./mapping-tables.js";
import type {
  FieldChoice,
  MappingModel,
  OperationModel,
  RecordField,
  RecordKind,
} from "./types.js";

const ADVISORY = /^(ghsa|advisory|osv)/;
const RULE_PARENT = new Set(
  "rule check plugin policy query detector template signature control".split(" "),
);
const ALERT_ID = new Set(
  "number id uuid key alert_id finding_id issue_id vulnerability_id vuln_id".split(" "),
);
const TITLE = new Set(["title", "name", "summary"]);

/** What names a risk, best first: CVE, advisory, rule, the alert's own id, its title. */
function riskIdentity(fields: RecordField[]): FieldChoice | undefined {
  const named = fields.filter((f) => isScalar(f) && !isTime(f));
  const top = named.filter((f) => f.path.length === 1);
  const words = (f: RecordField) => wordsOf(leafOf(f));
  const tiers: RecordField[][] = [
    named.filter((f) => f.type === "string" && hintOf(f) === "cve"),
    named.filter(
      (f) =>
        f.type === "string" &&
        (ADVISORY.test(words(f)[0] ?? "") ||
          (f.path.slice(0, -1).some((p) => /advisor/i.test(p)) && words(f).at(-1) === "id")),
    ),
    named.filter((f) => {
      const last = words(f).at(-1);
      const parent = f.path.length > 1 ? wordsOf(f.path.at(-2) ?? "") : [];
      return (
        (parent.some((w) => RULE_PARENT.has(w)) && (last === "id" || last === "name")) ||
        (RULE_PARENT.has(words(f)[0] ?? "") && last === "id") ||
        leafOf(f).toLowerCase() === "qid"
      );
    }),
    top.filter((f) => ALERT_ID.has(leafOf(f).toLowerCase())),
    top.filter((f) => f.type === "string" && TITLE.has(leafOf(f).toLowerCase())),
  ];
  const ordered = tiers.flatMap(requiredFirst);
  return ordered.length > 0 ? choice(ordered) : undefined;
}

const VALUE_NAMES = ["name", "login", "username", "email", "title", "slug", "key", "id", "uuid"];

/** What an attribute's value (or an unlocated asset's name) is: a name, else an id, else a field. */
function valueIdentity(fields: RecordField[]): FieldChoice | undefined {
  const top = fields.filter((f) => f.path.length === 1 && isScalar(f) && !isTime(f));
  const byName = VALUE_NAMES.flatMap((name) => top.filter((f) => leafOf(f).toLowerCase() === name));
  const ids = top.filter((f) => hintOf(f) === "id");
  const ordered = [...requiredFirst(byName), ...requiredFirst(ids), ...requiredFirst(top)];
  // one field: an attribute's value falling back to an unrelated field would say something else
  return ordered.length > 0 ? choice(ordered, [], 1) : undefined;
}

/** One operation's suggested mapping, from its record kind, fields and sample. */
export function suggestMapping(
  kind: RecordKind,
  fields: RecordField[],
  sample: unknown,
  subject: string[],
): MappingModel {
  const mapping: MappingModel = {};
  const locator = locate(kind, fields, sample, subject);
  if (locator) mapping.locator = locator;
  const identity = kind === "risk" ? riskIdentity(fields) : valueIdentity(fields);
  if (identity) mapping.identity = identity;
  if (kind !== "risk") return mapping;
  const table = severityTable(fields, sample);
  const cvss = cvssField(fields);
  if (table?.field.enum || !cvss) {
    if (table) mapping.severity = { kind: "enum", table };
    if (table && cvss) mapping.severity = { kind: "enum", table, alternative: cvss.path.join(".") };
  } else {
    mapping.severity = { kind: "cvss", field: cvss };
    if (table) mapping.severity.alternative = table.field.path.join(".");
  }
  const state = stateTable(fields, sample);
  if (state) mapping.state = state;
  return mapping;
}

const KEY_NAMES = ["id", "uuid", "key"];
const REFERENCE_ENDINGS = new Set(["id", "uuid", "key"]);

/**
 * Risks and attributes that name an asset of another selected operation by its key (`host_id`)
 * hang off that exact asset: the invoke loop reads the assets first and looks each one up.
 */
export function linkRecords(
  operations: OperationModel[],
  fieldsOf: (op: OperationModel) => RecordField[],
): void {
  const assets = operations.filter((op) => op.recordKind === "asset");
  for (const op of operations) {
    if (op.recordKind === "asset") continue;
    const own = fieldsOf(op).filter((f) => f.path.length === 1 && isScalar(f));
    for (const asset of assets) {
      const noun = wordsOf(asset.recordName);
      const reference = own.find((f) => {
        const words = wordsOf(leafOf(f));
        const ending = words.at(-1) ?? "";
        return REFERENCE_ENDINGS.has(ending) && words.slice(0, -1).join(" ") === noun.join(" ");
      });
      if (!reference) continue;
      const top = fieldsOf(asset).filter((f) => f.path.length === 1 && isScalar(f));
      const key = KEY_NAMES.flatMap((name) => top.filter((f) => leafOf(f) === name))[0];
      if (!key) continue;
      op.mapping.join = {
        field: reference,
        operationId: asset.operationId,
        key,
        noun: noun.join("_") || "asset",
      };
      break;
    }
  }
}
