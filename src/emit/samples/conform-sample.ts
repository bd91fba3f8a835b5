/**
 * Makes a sample record satisfy the record's zod schema. Spec examples are often stale (a required
 * field missing, `null` where the schema says string); the generated tests must start green on the
 * plumbing, so the sample is repaired here, field by field, with deterministic values.
 */
import type { JsonSchema } from "../types/record-schema.js";
import { objectShape, type Shape } from "../types/record-shape.js";

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

/** The sample record, slimmed to what a test needs, then repaired to satisfy its zod schema. */
export function conformSample(
  document: unknown,
  schema: JsonSchema | undefined,
  sample: unknown,
  deref: (node: unknown) => JsonSchema | undefined,
): Record<string, unknown> {
  const conformed = conform(objectShape(document, schema, deref), slimSample(sample));
  return isRecord(conformed) ? conformed : {};
}

/** Lines a sample may take in the samples file; deeper values are dropped until it fits. */
const MAX_SAMPLE_LINES = 80;

function cut(value: unknown, maxDepth: number, depth: number): unknown {
  if (Array.isArray(value)) {
    return depth >= maxDepth ? [] : value.slice(0, 1).map((v) => cut(v, maxDepth, depth + 1));
  }
  if (typeof value !== "object" || value === null) return value;
  if (depth >= maxDepth) return {};
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, cut(v, maxDepth, depth + 1)]),
  );
}

/**
 * Samples keep what a test reads: every top-level field (the record schema checks those), and
 * nested values only as deep as the sample stays short, with one element of each array. Vendor
 * examples run to hundreds of lines (GitHub's repository), which would only cost the line budget.
 */
export function slimSample(value: unknown): unknown {
  let slim = value;
  for (const maxDepth of [3, 2, 1]) {
    slim = cut(value, maxDepth, 0);
    if (JSON.stringify(slim, null, 2).split("\n").length <= MAX_SAMPLE_LINES) break;
  }
  return slim;
}
