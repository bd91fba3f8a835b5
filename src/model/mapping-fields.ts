/** Small predicates over record fields that the mapping heuristics share. */
import { hintFor } from "./field-hints.js";
import { identifierWords } from "./names.js";
import type { FieldChoice, FieldHint, RecordField } from "./types.js";

export const wordsOf = (name: string): string[] =>
  identifierWords(name).map((w) => w.toLowerCase());

export const leafOf = (field: RecordField): string => field.path[field.path.length - 1] ?? "";
export const parentOf = (field: RecordField): string => field.path.slice(0, -1).join(".");
export const dotted = (field: RecordField): string => field.path.join(".");

export function hintOf(field: RecordField): FieldHint | undefined {
  return hintFor(leafOf(field), {
    ...(field.type ? { type: field.type } : {}),
    ...(field.format ? { format: field.format } : {}),
  });
}

export const isText = (field: RecordField): boolean => field.type === "string";
export const isScalar = (field: RecordField): boolean =>
  field.type === "string" || field.type === "integer" || field.type === "number";

const TIME_WORDS = new Set([
  "at",
  "time",
  "date",
  "timestamp",
  "seen",
  "since",
  "until",
  "expires",
]);

/** Dates and times never name anything: two records of one second would share a key. */
export function isTime(field: RecordField): boolean {
  if (field.format === "date-time" || field.format === "date" || field.format === "time")
    return true;
  return wordsOf(leafOf(field)).some((w) => TIME_WORDS.has(w));
}

/** The value of a field in a sample record, when it is there. */
export function sampleValue(sample: unknown, field: RecordField): unknown {
  let node = sample;
  for (const key of field.path) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The fields tried in order up to the first one that is always there; the ones after it would
 * never be reached. `alternatives` are other candidates the engineer may prefer.
 */
export function choice(
  candidates: RecordField[],
  alternatives: RecordField[] = [],
  limit = 3,
): FieldChoice {
  const fields: RecordField[] = [];
  for (const field of candidates) {
    if (fields.some((f) => dotted(f) === dotted(field))) continue;
    fields.push(field);
    if (!field.optional || fields.length >= limit) break;
  }
  const chosen = new Set(fields.map(dotted));
  const others = [...candidates, ...alternatives]
    .map(dotted)
    .filter((path, i, all) => !chosen.has(path) && all.indexOf(path) === i);
  return { fields, alternatives: others.slice(0, 4) };
}

/** Required fields first, keeping the order otherwise. */
export const requiredFirst = (fields: RecordField[]): RecordField[] => [
  ...fields.filter((f) => !f.optional),
  ...fields.filter((f) => f.optional),
];
