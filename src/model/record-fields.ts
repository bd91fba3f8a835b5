/**
 * The fields of one record, as the mapping heuristics see them: the dot path, JSON type, format,
 * enum values and whether the field can be absent. Read from the record's schema (nested objects
 * three levels down), or from the sample when the schema names no fields.
 */
import { isObject, type JsonObject, join, type Located } from "../openapi/pointer.js";
import { propertiesOf, resolve, schemaType } from "../openapi/schema.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import type { RecordField } from "./types.js";

const MAX_FIELDS = 200;
const MAX_DEPTH = 3;

function nullable(schema: JsonObject): boolean {
  return (
    schema.nullable === true ||
    schema["x-nullable"] === true ||
    (Array.isArray(schema.type) && schema.type.includes("null"))
  );
}

/** Names an object schema requires, its `allOf` parts included. */
function requiredOf(doc: OpenAPIV3Document, schema: Located<JsonObject>, depth = 0): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(schema.node.required))
    for (const name of schema.node.required) if (typeof name === "string") out.add(name);
  if (depth < 8 && Array.isArray(schema.node.allOf)) {
    schema.node.allOf.forEach((part, i) => {
      const located = resolve(doc, part, join(schema.pointer, "allOf", i));
      if (located) for (const name of requiredOf(doc, located, depth + 1)) out.add(name);
    });
  }
  return out;
}

function enumOf(schema: JsonObject): string[] | undefined {
  if (!Array.isArray(schema.enum)) return undefined;
  const values = schema.enum.filter((v): v is string => typeof v === "string");
  return values.length > 0 ? [...new Set(values)] : undefined;
}

/** Fields of a record schema, parents before their children. */
export function recordFields(
  doc: OpenAPIV3Document,
  item: Located<JsonObject> | undefined,
): RecordField[] {
  const out: RecordField[] = [];
  const walk = (schema: Located<JsonObject>, prefix: string[], optional: boolean): void => {
    const required = requiredOf(doc, schema);
    for (const [name, prop] of propertiesOf(doc, schema)) {
      if (out.length >= MAX_FIELDS) return;
      const path = [...prefix, name];
      const type = schemaType(prop.node);
      const field: RecordField = {
        path,
        optional: optional || !required.has(name) || nullable(prop.node),
      };
      if (type) field.type = type;
      if (typeof prop.node.format === "string") field.format = prop.node.format;
      const values = enumOf(prop.node);
      if (values) field.enum = values;
      out.push(field);
      if (type === "object" && path.length < MAX_DEPTH) walk(prop, path, field.optional);
    }
  };
  if (item) walk(item, [], false);
  return out;
}

/** When the schema names no fields (Meraki's `items: {type: object}`), read them off the sample. */
export function sampleFields(sample: unknown): RecordField[] {
  const out: RecordField[] = [];
  const walk = (value: unknown, prefix: string[]): void => {
    if (!isObject(value)) return;
    for (const [name, v] of Object.entries(value)) {
      if (out.length >= MAX_FIELDS) return;
      const path = [...prefix, name];
      const type = Array.isArray(v)
        ? "array"
        : v === null
          ? undefined
          : typeof v === "object"
            ? "object"
            : typeof v === "number"
              ? "number"
              : typeof v;
      out.push({ path, optional: true, ...(type ? { type } : {}) });
      if (type === "object" && path.length < MAX_DEPTH) walk(v, path);
    }
  };
  walk(sample, []);
  return out;
}
