/**
 * Makes a sample record satisfy the record's zod schema. Spec examples are often stale (a required
 * field missing, `null` where the schema says string); the generated tests must start green on the
 * plumbing, so the sample is repaired here, field by field, with deterministic values.
 */
import type { JsonSchema } from "../types/record-schema.js";
import { type Keep, NESTED_LEVELS, objectShape, type Shape } from "../types/record-shape.js";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function matches(shape: Shape, value: unknown): boolean {
  switch (shape.kind) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
    case "record":
      return isRecord(value);
    default:
      return true;
  }
}

const DEFAULTS = { string: "example", number: 1, boolean: false } as const;

/** The value, repaired to fit the shape; a value of the wrong type is replaced by a default. */
function conform(shape: Shape, value: unknown): unknown {
  switch (shape.kind) {
    case "string":
    case "number":
    case "boolean":
      return matches(shape, value) ? value : DEFAULTS[shape.kind];
    case "array":
      return Array.isArray(value) ? value.map((item) => conform(shape.items, item)) : [];
    case "record":
      return isRecord(value) ? value : {};
    case "object": {
      const record: Record<string, unknown> = isRecord(value) ? { ...value } : {};
      for (const field of shape.fields) {
        const current = record[field.name];
        if (current === undefined) {
          if (field.required)
            record[field.name] =
              field.shape.kind === "unknown" ? null : conform(field.shape, undefined);
          continue;
        }
        if (current === null && (field.nullable || !field.required)) continue;
        record[field.name] = conform(field.shape, current);
      }
      return record;
    }
    default:
      return value;
  }
}

/**
 * The sample record, slimmed to what a test needs (`keep`: the paths the suggested mapping reads,
 * whatever their depth), then repaired to satisfy its zod schema.
 */
export function conformSample(
  document: unknown,
  schema: JsonSchema | undefined,
  sample: unknown,
  deref: (node: unknown) => JsonSchema | undefined,
  keep: Keep = [],
): Record<string, unknown> {
  const conformed = conform(
    objectShape(document, schema, deref, 0, NESTED_LEVELS, keep),
    slimSample(sample, keep),
  );
  return isRecord(conformed) ? conformed : {};
}

/** Lines a sample may take in the samples file; deeper values are dropped until it fits. */
const MAX_SAMPLE_LINES = 80;

/** Paths the tests read (the suggested mapping's fields): kept whatever the depth. */

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
