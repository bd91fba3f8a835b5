/**
 * Vendor state and severity words → the platform's letters. A risk's status is a state
 * (T triage, I ignored, R remediated) followed by a severity (I info … C critical).
 */
import { hintOf, leafOf, sampleValue, wordsOf } from "./mapping-fields.js";
import type { EnumTable, RecordField } from "./types.js";

const STATE_WORDS: Record<string, string> = {};
const SEVERITY_WORDS: Record<string, string> = {};

function define(table: Record<string, string>, letter: string, words: string): void {
  for (const word of words.split(" ")) table[word] = letter;
}
define(
  STATE_WORDS,
  "T",
  "open opened new active reopened detected confirmed unresolved triage pending in_progress todo present vulnerable",
);
define(
  STATE_WORDS,
  "I",
  "accepted risk_accepted accepted_risk ignored dismissed auto_dismissed false_positive suppressed muted wont_fix snoozed exception excepted excluded not_applicable",
);
define(STATE_WORDS, "R", "fixed resolved closed remediated mitigated patched done auto_resolved");
define(SEVERITY_WORDS, "I", "info informational none note negligible");
define(SEVERITY_WORDS, "L", "low minor");
define(SEVERITY_WORDS, "M", "medium moderate warning warn");
define(SEVERITY_WORDS, "H", "high important major error severe");
define(SEVERITY_WORDS, "C", "critical blocker");

/** When a field lists no values: the words most APIs use. */
const DEFAULT_STATES = ["open", "fixed", "accepted"];
const DEFAULT_SEVERITIES = ["info", "low", "medium", "high", "critical"];

const normalise = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_");

function table(
  field: RecordField,
  words: Record<string, string>,
  fallback: string,
  defaults: string[],
): EnumTable {
  const values = field.enum ?? defaults;
  return {
    field,
    entries: values.map((value) => {
      const letter = words[normalise(value)];
      return { value, letter: letter ?? fallback, known: letter !== undefined };
    }),
  };
}

const known = (field: RecordField, words: Record<string, string>) =>
  (field.enum ?? []).filter((v) => words[normalise(v)] !== undefined).length;

/**
 * The best enum (or plain text) field of a kind: listed values first, then top-level, then one the
 * example fills in, then the most known values.
 */
function best(
  fields: RecordField[],
  hint: "status" | "severity",
  words: Record<string, string>,
  sample: unknown,
): RecordField | undefined {
  const present = (f: RecordField) => Number(typeof sampleValue(sample, f) === "string");
  const candidates = fields.filter(
    (f) =>
      f.type === "string" &&
      hintOf(f) === hint &&
      (f.enum === undefined || known(f, words) > 0) &&
      // `status_reason`, `severity_source`… describe the status; they are not it
      ["status", "state", "severity", "level", "criticality", "priority", "rating"].includes(
        wordsOf(leafOf(f)).at(-1) ?? "",
      ),
  );
  return candidates.sort(
    (a, b) =>
      Number(b.enum !== undefined) - Number(a.enum !== undefined) ||
      a.path.length - b.path.length ||
      present(b) - present(a) ||
      known(b, words) - known(a, words),
  )[0];
}

export function stateTable(fields: RecordField[], sample: unknown): EnumTable | undefined {
  const field = best(fields, "status", STATE_WORDS, sample);
  return field && table(field, STATE_WORDS, "T", DEFAULT_STATES);
}

export function severityTable(fields: RecordField[], sample: unknown): EnumTable | undefined {
  const field = best(fields, "severity", SEVERITY_WORDS, sample);
  return field && table(field, SEVERITY_WORDS, "I", DEFAULT_SEVERITIES);
}

/** A CVSS base score: `cvss`, `cvss_score`, `cvss.score`, `cvss3.base_score`. */
export function cvssField(fields: RecordField[]): RecordField | undefined {
  return fields.find((f) => {
    if (f.type !== "number" && f.type !== "integer") return false;
    const own = wordsOf(leafOf(f));
    const path = f.path.flatMap(wordsOf);
    return (
      own.some((w) => w.startsWith("cvss")) ||
      (path.some((w) => w.startsWith("cvss")) && own.includes("score"))
    );
  });
}
