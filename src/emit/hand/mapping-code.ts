/**
 * The suggested mapping as code (for the transform's note and the main file) and as values (for
 * the tests' expectations). Field names are spec text: they reach code only as identifiers that
 * pass the identifier check, or as string literals in brackets.
 */
import { identifierWords } from "../../model/names.js";
import type { EnumTable, FieldChoice, MappingModel, RecordField } from "../../model/types.js";
import { commentText, stringLiteral } from "../safe-text.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `record.repository?.full_name`: optional chaining past every segment of an optional field. */
export function accessor(field: RecordField, root = "record"): string {
  return field.path.reduce((code, key, i) => {
    const chain = i > 0 && field.optional ? "?." : "";
    if (IDENTIFIER.test(key) && key !== "__proto__") return `${code}${chain || "."}${key}`;
    return `${code}${chain}[${stringLiteral(key)}]`;
  }, root);
}

/** One field as text: strings as they are, numbers through String (optional ones stay optional). */
function asText(field: RecordField): string {
  const code = accessor(field);
  if (field.type === "string") return code;
  return field.optional ? `${code}?.toString()` : `String(${code})`;
}

/** `record.cve_id ?? record.id`: ends in a literal when every field can be missing. */
export function choiceCode(choice: FieldChoice, fallback: string): string {
  const terms = choice.fields.map(asText);
  const last = choice.fields[choice.fields.length - 1];
  if (!last || last.optional) terms.push(stringLiteral(fallback));
  return terms.join(" ?? ");
}

/** The value a field holds in a record, when it holds a scalar. */
export function valueAt(record: unknown, field: RecordField): string | undefined {
  let node = record;
  for (const key of field.path) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "string" || typeof node === "number" || typeof node === "boolean"
    ? String(node)
    : undefined;
}

/** What `choiceCode` evaluates to on a record. */
export function choiceValue(choice: FieldChoice, record: unknown, fallback: string): string {
  for (const field of choice.fields) {
    const value = valueAt(record, field);
    if (value !== undefined) return value;
  }
  return fallback;
}

/** `FINDING_STATE`: the transform's exported table for one record and one kind. */
export function tableName(recordName: string, kind: "STATE" | "SEVERITY"): string {
  const words = identifierWords(recordName).map((w) => w.toUpperCase());
  return [...words, kind].join("_");
}

/** The table's declaration, one line per vendor value; guesses say so. */
export function tableCode(
  name: string,
  table: EnumTable,
  type: "RiskState" | "RiskSeverity",
  meaning: string,
): string[] {
  const field = commentText(table.field.path.join("."), 80);
  const lines = [
    `/**`,
    ` * \`${field}\` → ${meaning}.`,
    " * A value that is not listed falls back to the transform's default.",
    " */",
    `export const ${name}: Readonly<Record<string, ${type}>> = {`,
  ];
  for (const entry of table.entries) {
    const note = entry.known ? "" : " // a guess: the word is not one capkit knows";
    lines.push(`  ${stringLiteral(entry.value)}: ${stringLiteral(entry.letter)},${note}`);
  }
  lines.push("};");
  return lines;
}

function lookupCode(name: string, table: EnumTable, fallback: string): string {
  const key = table.field.optional ? `${accessor(table.field)} ?? ""` : accessor(table.field);
  return `${name}[${key}] ?? ${stringLiteral(fallback)}`;
}

export function lookupValue(table: EnumTable, record: unknown, fallback: string): string {
  const value = valueAt(record, table.field);
  return table.entries.find((e) => e.value === value)?.letter ?? fallback;
}

/** The status argument of `new Risk(…)` as code: the state table's letter, then the severity's. */
export function statusCode(mapping: MappingModel, recordName: string): string {
  const state = mapping.state && lookupCode(tableName(recordName, "STATE"), mapping.state, "T");
  const severity = mapping.severity;
  if (severity?.kind === "cvss") {
    const score = severity.field.optional
      ? `${accessor(severity.field)} ?? 0`
      : accessor(severity.field);
    return `cvssToStatus(${score}${state ? `, ${state}` : ""})`;
  }
  const letter = severity && lookupCode(tableName(recordName, "SEVERITY"), severity.table, "I");
  if (!state && !letter) return '"TI"';
  return `\`${state ? `\${${state}}` : "T"}${letter ? `\${${letter}}` : "I"}\``;
}

const cvssLetter = (score: number) =>
  score >= 9 ? "C" : score >= 7 ? "H" : score >= 4 ? "M" : score > 0 ? "L" : "I";

export function statusValue(mapping: MappingModel, record: unknown): string {
  const state = mapping.state ? lookupValue(mapping.state, record, "T") : "T";
  const severity = mapping.severity;
  if (severity?.kind === "cvss") {
    const score = Number(valueAt(record, severity.field) ?? 0);
    return `${state}${Number.isFinite(score) && score >= 0 && score <= 10 ? cvssLetter(score) : "I"}`;
  }
  return `${state}${severity ? lookupValue(severity.table, record, "I") : "I"}`;
}
