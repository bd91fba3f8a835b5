/**
 * Makes a sample record satisfy the record's zod schema. Spec examples are often stale (a required
 * field missing, `null` where the schema says string); the generated tests must start green on the
 * plumbing, so the sample is repaired here, field by field, with deterministic values.
 */
import { flattenObject, type JsonSchema } from "../types/record-schema.js";

const DEFAULTS: Record<string, unknown> = {
  string: "example",
  integer: 1,
  number: 1,
  boolean: false,
  array: [],
  object: {},
};

function typeOf(schema: JsonSchema | undefined): { type?: string; nullable: boolean } {
  if (!schema) return { nullable: true };
  const raw = schema.type;
  const types = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : [];
  const nullable = schema.nullable === true || types.includes("null");
  const type =
    types.find((t) => t !== "null") ??
    (schema.properties || schema.allOf ? "object" : schema.items ? "array" : undefined);
  return { ...(type ? { type } : {}), nullable };
}

function matches(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

export function conformSample(
  document: unknown,
  schema: JsonSchema | undefined,
  sample: unknown,
  deref: (node: unknown) => JsonSchema | undefined,
): Record<string, unknown> {
  const record: Record<string, unknown> =
    typeof sample === "object" && sample !== null && !Array.isArray(sample)
      ? { ...(sample as Record<string, unknown>) }
      : {};
  const flat = flattenObject(document, schema);
  const required = new Set(flat.required as string[]);
  for (const [name, raw] of Object.entries(flat.properties as Record<string, unknown>)) {
    const { type, nullable } = typeOf(deref(raw));
    if (!type) continue;
    const value = record[name];
    const absent = value === undefined || (value === null && !nullable && required.has(name));
    if (absent && !required.has(name)) continue;
    if (value === null && (nullable || !required.has(name))) continue;
    if (absent || !matches(type, value)) {
      const fallback = DEFAULTS[type];
      record[name] = Array.isArray(fallback) ? [] : typeof fallback === "object" ? {} : fallback;
    }
  }
  return record;
}

/** Lines a sample may take in the samples file; deeper values are dropped until it fits. */
const MAX_SAMPLE_LINES = 80;

/** Paths the tests read (the suggested mapping's fields): kept whatever the depth. */
type Keep = readonly (readonly string[])[];

const under = (keep: Keep, key: string): Keep =>
  keep.filter((p) => p[0] === key && p.length > 1).map((p) => p.slice(1));

/** Only the kept paths of an object that is cut. */
function pick(value: object, keep: Keep): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of keep) {
    let from: unknown = value;
    for (const key of path) from = (from as Record<string, unknown> | null)?.[key];
    if (from === undefined || (typeof from === "object" && from !== null)) continue;
    let into = out;
    path.forEach((key, i) => {
      if (i === path.length - 1) {
        into[key] = from;
        return;
      }
      into[key] ??= {};
      into = into[key] as Record<string, unknown>;
    });
  }
  return out;
}

function cut(value: unknown, maxDepth: number, depth: number, keep: Keep = []): unknown {
  if (Array.isArray(value)) {
    return depth >= maxDepth ? [] : value.slice(0, 1).map((v) => cut(v, maxDepth, depth + 1));
  }
  if (typeof value !== "object" || value === null) return value;
  if (depth >= maxDepth) return pick(value, keep);
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, cut(v, maxDepth, depth + 1, under(keep, k))]),
  );
}

/**
 * Samples keep what a test reads: every top-level field (the record schema checks those), and
 * nested values only as deep as the sample stays short, with one element of each array. Vendor
 * examples run to hundreds of lines (GitHub's repository), which would only cost the line budget.
 */
export function slimSample(value: unknown, keep: Keep = []): unknown {
  let slim = value;
  for (const maxDepth of [3, 2, 1]) {
    slim = cut(value, maxDepth, 0, keep);
    if (JSON.stringify(slim, null, 2).split("\n").length <= MAX_SAMPLE_LINES) break;
  }
  return slim;
}
