/**
 * The shape of one record as its zod schema checks it: top-level fields, and nested objects (the
 * spec's `Client`, `User`, `Location`, alone or in arrays) as objects with their own fields; objects
 * nested deeper are open records, and so are the largest nested objects of a record that would
 * otherwise cost a types file its line budget (GitHub's issue holds a whole repository). Enums stay plain strings and unknown keys pass: the schema catches a
 * vendor changing a field's type, not a vendor adding a value. The samples are conformed to the
 * same shape, so the schema and the tests that parse the samples never disagree.
 */
import { flattenObject, type JsonSchema } from "./record-schema.js";

export type Shape =
  | { kind: "string" | "number" | "boolean" | "unknown" | "record" }
  | { kind: "array"; items: Shape }
  | { kind: "object"; fields: Field[] };

export interface Field {
  name: string;
  shape: Shape;
  required: boolean;
  nullable: boolean;
  description: string | undefined;
}

/** Levels of nested objects below the record that keep their fields, by default. */
export const NESTED_LEVELS = 1;
/** Fields of nested objects one record may check, in all. */
const MAX_NESTED_FIELDS = 80;

type Deref = (node: unknown) => JsonSchema | undefined;

function types(schema: JsonSchema): string[] {
  const raw = schema.type;
  return Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : [];
}

/** `allOf: [{ $ref }, { description }]`: the one member with a shape stands for the schema. */
function throughAllOf(schema: JsonSchema, deref: Deref): JsonSchema {
  if (types(schema).length > 0 || !Array.isArray(schema.allOf) || schema.properties) return schema;
  const shaped = schema.allOf
    .map(deref)
    .filter((m): m is JsonSchema => m !== undefined)
    .filter((m) => types(m).length > 0 || m.properties || m.items || Array.isArray(m.allOf));
  return shaped.length === 1 && shaped[0] ? throughAllOf(shaped[0], deref) : schema;
}

function kindOf(schema: JsonSchema): string | undefined {
  const first = types(schema).find((t) => t !== "null");
  if (first) return first;
  if (schema.properties || schema.allOf) return "object";
  if (schema.items) return "array";
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string"))
    return "string";
  return undefined;
}

export function isNullable(schema: JsonSchema | undefined): boolean {
  return schema === undefined || schema.nullable === true || types(schema).includes("null");
}

export function shapeOf(
  document: unknown,
  raw: JsonSchema | undefined,
  deref: Deref,
  depth = 0,
  levels = NESTED_LEVELS,
): Shape {
  if (!raw) return { kind: "unknown" };
  const schema = throughAllOf(raw, deref);
  switch (kindOf(schema)) {
    case "string":
      return { kind: "string" };
    case "integer":
    case "number":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "array": {
      const items = deref(schema.items);
      return {
        kind: "array",
        items: items ? shapeOf(document, items, deref, depth, levels) : unknown,
      };
    }
    case "object":
      return depth > levels
        ? { kind: "record" }
        : objectShape(document, schema, deref, depth, levels);
    default:
      return unknown;
  }
}

const unknown: Shape = { kind: "unknown" };

/** The fields of an object schema (`allOf` merged, alternatives optional), in the spec's order. */
export function objectShape(
  document: unknown,
  schema: JsonSchema | undefined,
  deref: Deref,
  depth = 0,
  levels = NESTED_LEVELS,
  keep: Keep = [],
): Shape {
  const flat = flattenObject(document, schema);
  const required = new Set(flat.required as string[]);
  const properties = Object.entries(flat.properties as Record<string, unknown>);
  // a map (`additionalProperties` only) has no fields to check
  if (properties.length === 0 && depth > 0) return { kind: "record" };
  const fields = properties.map(([name, raw]): Field => {
    const prop = deref(raw);
    const shape = shapeOf(document, prop, deref, depth + 1, levels);
    return {
      name,
      shape,
      required: required.has(name),
      nullable: shape.kind === "unknown" || isNullable(prop && throughAllOf(prop, deref)),
      description: typeof prop?.description === "string" ? prop.description : undefined,
    };
  });
  if (depth === 0) capNested(fields, keep);
  return { kind: "object", fields };
}

const objectIn = (shape: Shape): Extract<Shape, { kind: "object" }> | undefined =>
  shape.kind === "object" ? shape : shape.kind === "array" ? objectIn(shape.items) : undefined;

/**
 * Paths the suggested mapping reads (`["repository", "html_url"]`): a nested object opened to save
 * lines keeps these fields, typed, so the suggestion compiles against the record's type.
 */
export type Keep = readonly (readonly string[])[];

/** Open the largest nested objects until the nested fields fit (first in order on a tie). */
function capNested(fields: Field[], keep: Keep): void {
  const size = (f: Field) => objectIn(f.shape)?.fields.length ?? 0;
  const opened = new Set<Field>();
  let total = fields.reduce((sum, f) => sum + size(f), 0);
  while (total > MAX_NESTED_FIELDS) {
    const candidates = fields.filter((f) => !opened.has(f) && size(f) > 0);
    const largest = candidates.reduce<Field | undefined>(
      (a, b) => (a === undefined || size(b) > size(a) ? b : a),
      undefined,
    );
    if (!largest) return;
    opened.add(largest);
    total -= size(largest);
    const kept = new Set(
      keep.filter((p) => p.length === 2 && p[0] === largest.name).map((p) => p[1] ?? ""),
    );
    largest.shape = open(largest.shape, kept);
    total += size(largest);
  }
}

const open = (shape: Shape, kept: ReadonlySet<string>): Shape => {
  if (shape.kind === "array") return { kind: "array", items: open(shape.items, new Set()) };
  const fields = shape.kind === "object" ? shape.fields.filter((f) => kept.has(f.name)) : [];
  return fields.length > 0 ? { kind: "object", fields } : { kind: "record" };
};
