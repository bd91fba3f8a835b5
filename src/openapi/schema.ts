import type { OperationRef } from "./operations.js";
import { follow, isObject, type JsonObject, join, type Located } from "./pointer.js";
import type { OpenAPIV3Document } from "./types.js";

/** A schema (or parameter, response…) with its `$ref`s followed; dangling refs give undefined. */
export function resolve(
  doc: OpenAPIV3Document,
  node: unknown,
  pointer: string,
): Located<JsonObject> | undefined {
  const located = follow(doc, node, pointer);
  return located && isObject(located.node)
    ? { node: located.node, pointer: located.pointer }
    : undefined;
}

/** The named component a pointer lands on, e.g. `Host` for `#/components/schemas/Host`. */
export function componentName(pointer: string): string | undefined {
  return /^#\/components\/schemas\/([^/]+)$/
    .exec(pointer)?.[1]
    ?.replace(/~1/g, "/")
    .replace(/~0/g, "~");
}

export function schemaType(schema: JsonObject): string | undefined {
  const { type } = schema;
  if (typeof type === "string") return type;
  // 3.1 writes nullable as a type list
  if (Array.isArray(type))
    return type.find((t): t is string => typeof t === "string" && t !== "null");
  if (isObject(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

/**
 * `allOf: [{ $ref }, { description }]` is how some generators (AWS's) annotate a reference: the
 * one member that has a shape stands for the whole schema.
 */
export function throughAllOf(
  doc: OpenAPIV3Document,
  schema: Located<JsonObject>,
  depth = 0,
): Located<JsonObject> {
  const { node } = schema;
  if (!Array.isArray(node.allOf) || schemaType(node) !== undefined || depth > 8) return schema;
  const members = node.allOf
    .map((part, i) => resolve(doc, part, join(schema.pointer, "allOf", i)))
    .filter((m): m is Located<JsonObject> => m !== undefined);
  const shaped = members.filter(
    (m) => schemaType(m.node) !== undefined || Array.isArray(m.node.allOf),
  );
  return shaped.length === 1 && shaped[0] ? throughAllOf(doc, shaped[0], depth + 1) : schema;
}

/**
 * The properties an object schema offers, `allOf` parts merged in order (first definition wins),
 * bounded in depth so a cyclic `allOf` cannot loop.
 */
export function propertiesOf(
  doc: OpenAPIV3Document,
  schema: Located<JsonObject>,
  depth = 0,
): Map<string, Located<JsonObject>> {
  const out = new Map<string, Located<JsonObject>>();
  if (depth > 8) return out;
  const { node, pointer } = schema;
  if (isObject(node.properties)) {
    for (const [name, value] of Object.entries(node.properties)) {
      const prop = resolve(doc, value, join(pointer, "properties", name));
      if (prop && !out.has(name)) out.set(name, throughAllOf(doc, prop));
    }
  }
  if (Array.isArray(node.allOf)) {
    node.allOf.forEach((part, i) => {
      const located = resolve(doc, part, join(pointer, "allOf", i));
      if (!located) return;
      for (const [name, prop] of propertiesOf(doc, located, depth + 1))
        if (!out.has(name)) out.set(name, prop);
    });
  }
  return out;
}

/** The schema of an array's items, resolved. */
export function itemsOf(
  doc: OpenAPIV3Document,
  schema: Located<JsonObject>,
): Located<JsonObject> | undefined {
  const items = resolve(doc, schema.node.items, join(schema.pointer, "items"));
  return items && throughAllOf(doc, items);
}

export interface Param {
  name: string;
  in: string;
  required: boolean;
  schema: JsonObject;
  node: JsonObject;
  pointer: string;
}

/** Path-item and operation parameters, resolved; the operation's win on the same name and place. */
export function parametersOf(doc: OpenAPIV3Document, op: OperationRef): Param[] {
  const byKey = new Map<string, Param>();
  const add = (list: unknown, base: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const located = resolve(doc, raw, join(base, "parameters", i));
      if (!located) return;
      const p = located.node;
      if (typeof p.name !== "string" || typeof p.in !== "string") return;
      byKey.set(`${p.in}:${p.name}`, {
        name: p.name,
        in: p.in,
        required: p.required === true || p.in === "path",
        schema: resolve(doc, p.schema, join(located.pointer, "schema"))?.node ?? {},
        node: p,
        pointer: located.pointer,
      });
    });
  };
  add(op.pathItem.parameters, join("#", "paths", op.path));
  add(op.node.parameters, op.pointer);
  return [...byKey.values()];
}

export interface SuccessResponse {
  status: string;
  contentType: string;
  response: Located<JsonObject>;
  media: Located<JsonObject> | undefined;
  schema: Located<JsonObject> | undefined;
}

/** The first 2xx response (200 before 201…), and its JSON media type when it has one. */
export function successResponse(
  doc: OpenAPIV3Document,
  op: OperationRef,
): SuccessResponse | undefined {
  const responses = isObject(op.node.responses) ? op.node.responses : {};
  const status = Object.keys(responses)
    .filter((s) => /^2(\d\d|XX)$/i.test(s))
    .sort()[0];
  if (status === undefined) return undefined;
  const response = resolve(doc, responses[status], join(op.pointer, "responses", status));
  if (!response) return undefined;
  const content = isObject(response.node.content) ? response.node.content : {};
  const types = Object.keys(content);
  const contentType = types.find((t) => /[/+]json\b/i.test(t)) ?? types[0];
  if (contentType === undefined)
    return { status, contentType: "", response, media: undefined, schema: undefined };
  const media = resolve(doc, content[contentType], join(response.pointer, "content", contentType));
  const schema = media ? resolve(doc, media.node.schema, join(media.pointer, "schema")) : undefined;
  return { status, contentType, response, media, schema };
}

/** The JSON request-body schema of an operation. */
export function requestBodySchema(
  doc: OpenAPIV3Document,
  op: OperationRef,
): Located<JsonObject> | undefined {
  const body = resolve(doc, op.node.requestBody, join(op.pointer, "requestBody"));
  if (!body || !isObject(body.node.content)) return undefined;
  const content = body.node.content;
  const type = Object.keys(content).find((t) => /[/+]json\b/i.test(t));
  if (type === undefined) return undefined;
  const media = resolve(doc, content[type], join(body.pointer, "content", type));
  return media ? resolve(doc, media.node.schema, join(media.pointer, "schema")) : undefined;
}

/** Property names of a schema including every `oneOf`/`anyOf` alternative (request bodies). */
export function allPropertyNames(
  doc: OpenAPIV3Document,
  schema: Located<JsonObject>,
): Map<string, Located<JsonObject>> {
  const out = propertiesOf(doc, schema);
  for (const key of ["oneOf", "anyOf"] as const) {
    const list = schema.node[key];
    if (!Array.isArray(list)) continue;
    list.forEach((alt, i) => {
      const located = resolve(doc, alt, join(schema.pointer, key, i));
      if (!located) return;
      for (const [name, prop] of propertiesOf(doc, located))
        if (!out.has(name)) out.set(name, prop);
    });
  }
  return out;
}
