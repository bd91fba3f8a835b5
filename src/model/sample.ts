import { getAt, isObject, type JsonObject, type Located } from "../openapi/pointer.js";
import { resolve, type SuccessResponse } from "../openapi/schema.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import { hintFor } from "./field-hints.js";
import type { BodyPath } from "./types.js";

const MAX_DEPTH = 5;
const MAX_PROPERTIES = 30;

export interface Sample {
  sample: unknown;
  source: "example" | "schema";
}

/** One record: the spec's own example first (sliced out of a page), else a sample from the schema. */
export function sampleRecord(
  doc: OpenAPIV3Document,
  response: SuccessResponse | undefined,
  recordsPath: BodyPath,
  isList: boolean,
  item: Located<JsonObject> | undefined,
): Sample {
  for (const example of mediaExamples(doc, response)) {
    const record = slice(example, recordsPath, isList);
    if (isObject(record)) return { sample: record, source: "example" };
  }
  if (item && isObject(item.node.example)) return { sample: item.node.example, source: "example" };
  const schema = item ?? response?.schema;
  return {
    sample: schema ? sampleOf(doc, schema.node, schema.pointer, 0, new Set(), "") : {},
    source: "schema",
  };
}

function mediaExamples(doc: OpenAPIV3Document, response: SuccessResponse | undefined): unknown[] {
  const media = response?.media?.node;
  if (!media) return [];
  const out: unknown[] = [];
  if (media.example !== undefined) out.push(media.example);
  if (isObject(media.examples)) {
    for (const [name, raw] of Object.entries(media.examples)) {
      const example = resolve(doc, raw, `${response.media?.pointer}/examples/${name}`);
      if (example && example.node.value !== undefined) out.push(example.node.value);
    }
  }
  if (response.schema && response.schema.node.example !== undefined)
    out.push(response.schema.node.example);
  return out;
}

function slice(value: unknown, path: BodyPath, isList: boolean): unknown {
  let node = value;
  for (const key of path) node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  if (Array.isArray(node)) return node[0];
  // a single object stands for one record of an assumed list (GitLab) or a non-list call
  return path.length === 0 || !isList ? node : undefined;
}

/** Deterministic value for a schema: example, const, enum, default, then by format and name. */
export function sampleOf(
  doc: OpenAPIV3Document,
  raw: unknown,
  pointer: string,
  depth: number,
  stack: Set<string>,
  name: string,
): unknown {
  let schema = raw;
  let where = pointer;
  if (isObject(schema) && typeof schema.$ref === "string") {
    where = schema.$ref;
    // a cycle (a tree of nodes) ends in an empty object instead of recursing for ever
    if (stack.has(where)) return {};
    schema = getAt(doc, where);
  }
  if (!isObject(schema)) return null;
  if (schema.example !== undefined) return schema.example;
  // OpenAPI 3.1 (JSON Schema) writes a list of examples
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const next = new Set(stack).add(where);
  if (Array.isArray(schema.allOf)) {
    const merged: JsonObject = {};
    schema.allOf.forEach((part, i) => {
      const value = sampleOf(doc, part, `${where}/allOf/${i}`, depth, next, name);
      if (isObject(value)) Object.assign(merged, value);
    });
    if (isObject(schema.properties))
      Object.assign(merged, objectSample(doc, schema, where, depth, next));
    return merged;
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const first = Array.isArray(schema[key]) ? schema[key][0] : undefined;
    if (first !== undefined) return sampleOf(doc, first, `${where}/${key}/0`, depth, next, name);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || isObject(schema.properties))
    return depth >= MAX_DEPTH ? {} : objectSample(doc, schema, where, depth, next);
  if (type === "array")
    return depth >= MAX_DEPTH
      ? []
      : [sampleOf(doc, schema.items, `${where}/items`, depth + 1, next, name)];
  if (type === "integer") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1.5;
  if (type === "boolean") return true;
  if (type === "null") return null;
  return stringSample(schema, name);
}

function objectSample(
  doc: OpenAPIV3Document,
  schema: JsonObject,
  where: string,
  depth: number,
  stack: Set<string>,
): JsonObject {
  const out: JsonObject = {};
  // required properties always, optional ones up to the cap: a sample must pass the record's schema
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const all = isObject(schema.properties) ? Object.entries(schema.properties) : [];
  let optional = 0;
  const props = all.filter(([key]) => required.has(key) || optional++ < MAX_PROPERTIES);
  for (const [key, prop] of props) {
    // defineProperty: a property named `__proto__` must stay a plain key, not a prototype
    Object.defineProperty(out, key, {
      value: sampleOf(doc, prop, `${where}/properties/${key}`, depth + 1, stack, key),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

const FORMATS: Record<string, string> = {
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00Z",
  ipv4: "192.0.2.10",
  ipv6: "2001:db8::10",
  hostname: "host.example.com",
  uri: "https://example.com/resource",
  url: "https://example.com/resource",
  email: "user@example.com",
  uuid: "00000000-0000-4000-8000-000000000000",
  byte: "AA==",
};

const BY_HINT: Record<string, string> = {
  ip: "192.0.2.10",
  hostname: "host.example.com",
  dns: "example.com",
  fqdn: "host.example.com",
  url: "https://example.com/resource",
  cve: "CVE-2024-0001",
  severity: "high",
  status: "open",
  id: "id-1",
};

function stringSample(schema: JsonObject, name: string): string {
  if (typeof schema.format === "string" && FORMATS[schema.format] !== undefined)
    return FORMATS[schema.format] ?? "";
  const hint = name ? hintFor(name, schema) : undefined;
  if (hint === "ip" && name.includes("6")) return FORMATS.ipv6 ?? "";
  return (hint && BY_HINT[hint]) ?? (name ? `${name}-1` : "string");
}
