/**
 * A schema as a flat list of fields: `hosts`, `hosts[]`, `hosts[].hostname`, each with its type,
 * format, whether its object requires it, nullability and enum values. Two such lists compare
 * field by field, which is how a renamed or retyped field gets a name in the report.
 */
import { isObject, type JsonObject, join, type Located } from "../../openapi/pointer.js";
import { itemsOf, propertiesOf, resolve } from "../../openapi/schema.js";
import type { OpenAPIV3Document } from "../../openapi/types.js";

export interface FieldInfo {
  /** JSON types without `null`, sorted and joined with `|`; `any` when the schema says none. */
  type: string;
  format?: string;
  /** Listed in its object's `required` (the body root counts as required). */
  required: boolean;
  nullable: boolean;
  /** JSON text of each enum value (null left out), sorted. */
  enum?: string[];
}

export type FieldMap = Map<string, FieldInfo>;

/** The body itself is the field `(body)`; its array items `[]`; properties by name. */
export const ROOT = "(body)";

const MAX_DEPTH = 10;
// GitHub's larger responses flatten to a few thousand fields; past this the report would not help.
const MAX_FIELDS = 20_000;

export function flattenSchema(doc: OpenAPIV3Document, schema: Located<JsonObject>): FieldMap {
  const out: FieldMap = new Map();
  visit(doc, schema, ROOT, true, out, new Set(), 0);
  return out;
}

const child = (path: string, name: string) => (path === ROOT ? name : `${path}.${name}`);
const itemPath = (path: string) => (path === ROOT ? "[]" : `${path}[]`);

function visit(
  doc: OpenAPIV3Document,
  schema: Located<JsonObject>,
  path: string,
  required: boolean,
  out: FieldMap,
  open: Set<string>,
  depth: number,
): void {
  if (out.size >= MAX_FIELDS) return;
  out.set(path, { ...describe(doc, schema.node), required });
  // a `$ref` already open on this branch is a cycle: the field is listed, its inside is not
  if (depth >= MAX_DEPTH || open.has(schema.pointer)) return;
  open.add(schema.pointer);
  const shape = shapeOf(doc, schema);
  for (const part of shape.parts) {
    for (const [name, prop] of part.properties) {
      const at = child(path, name);
      if (!out.has(at)) visit(doc, prop, at, shape.required.has(name), out, open, depth + 1);
    }
    if (part.items && !out.has(itemPath(path)))
      visit(doc, part.items, itemPath(path), true, out, open, depth + 1);
  }
  open.delete(schema.pointer);
}

interface Shape {
  parts: { properties: Map<string, Located<JsonObject>>; items: Located<JsonObject> | undefined }[];
  required: Set<string>;
}

// A schema node sits at one place in its document, so what it offers is computed once: GitHub's
// `simple-user` alone is reached from most of its operations.
const shapes = new WeakMap<JsonObject, Shape>();

function shapeOf(doc: OpenAPIV3Document, schema: Located<JsonObject>): Shape {
  const cached = shapes.get(schema.node);
  if (cached) return cached;
  const all = [schema, ...alternatives(doc, schema)];
  const shape: Shape = {
    parts: all.map((part) => ({ properties: propertiesOf(doc, part), items: itemsOf(doc, part) })),
    required: new Set(all.flatMap((p) => requiredOf(doc, p))),
  };
  shapes.set(schema.node, shape);
  return shape;
}

/** `oneOf` / `anyOf` branches: their fields are offered too (none of them required). */
function alternatives(doc: OpenAPIV3Document, schema: Located<JsonObject>): Located<JsonObject>[] {
  const out: Located<JsonObject>[] = [];
  for (const key of ["oneOf", "anyOf"] as const) {
    const list = schema.node[key];
    if (!Array.isArray(list)) continue;
    list.forEach((alt, i) => {
      const located = resolve(doc, alt, join(schema.pointer, key, i));
      if (located) out.push(located);
    });
  }
  return out;
}

/** `required` of a schema and of its `allOf` parts. */
function requiredOf(doc: OpenAPIV3Document, schema: Located<JsonObject>, depth = 0): string[] {
  const own = Array.isArray(schema.node.required)
    ? schema.node.required.filter((r): r is string => typeof r === "string")
    : [];
  if (depth > 8 || !Array.isArray(schema.node.allOf)) return own;
  return [
    ...own,
    ...schema.node.allOf.flatMap((part, i) => {
      const located = resolve(doc, part, join(schema.pointer, "allOf", i));
      return located ? requiredOf(doc, located, depth + 1) : [];
    }),
  ];
}

const described = new WeakMap<JsonObject, Omit<FieldInfo, "required">>();

function describe(doc: OpenAPIV3Document, node: JsonObject): Omit<FieldInfo, "required"> {
  const cached = described.get(node);
  if (cached) return cached;
  const types = new Set<string>();
  let nullable = node.nullable === true;
  const addTypes = (schema: JsonObject, depth: number): void => {
    const { type } = schema;
    for (const t of Array.isArray(type) ? type : [type]) {
      if (t === "null") nullable = true;
      else if (typeof t === "string") types.add(t);
    }
    if (schema.nullable === true) nullable = true;
    if (typeof type !== "undefined" || depth > 4) return;
    if (isObject(schema.properties)) types.add("object");
    else if (schema.items !== undefined) types.add("array");
    for (const key of ["oneOf", "anyOf", "allOf"] as const) {
      const list = schema[key];
      if (!Array.isArray(list)) continue;
      for (const alt of list) {
        const located = resolve(doc, alt, "#");
        if (located) addTypes(located.node, depth + 1);
      }
    }
  };
  addTypes(node, 0);
  const info: Omit<FieldInfo, "required"> = {
    type: types.size > 0 ? [...types].sort().join("|") : "any",
    nullable,
  };
  if (typeof node.format === "string") info.format = node.format;
  if (Array.isArray(node.enum)) {
    info.enum = node.enum
      .filter((v) => v !== null)
      .map((v) => JSON.stringify(v))
      .sort();
    if (node.enum.includes(null)) info.nullable = true;
  }
  described.set(node, info);
  return info;
}
