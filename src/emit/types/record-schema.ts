/**
 * Finds the JSON schema of one record of an operation inside the pruned document. The document is
 * already bundled (every `$ref` is local), so following a ref is a JSON-pointer lookup.
 */
import type { IntegrationModel, OperationModel } from "../../model/types.js";

export type JsonSchema = Record<string, unknown>;

const MAX_REF_HOPS = 32;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads a local JSON pointer (`#/components/schemas/Host`) from the document. */
export function lookupPointer(document: unknown, pointer: string): unknown {
  if (!pointer.startsWith("#")) return undefined;
  let node: unknown = document;
  for (const raw of pointer.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows `$ref`s until a real object; cycles and dangling refs end in `undefined`. */
export function deref(document: unknown, node: unknown): JsonSchema | undefined {
  let current = node;
  for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
    if (!isObject(current)) return undefined;
    const ref = current.$ref;
    if (typeof ref !== "string") return current;
    current = lookupPointer(document, ref);
  }
  return undefined;
}

function responseSchema(model: IntegrationModel, op: OperationModel): JsonSchema | undefined {
  const paths = model.document.paths;
  if (!isObject(paths)) return undefined;
  const item = deref(model.document, paths[op.path]);
  const operation = deref(model.document, item?.[op.method]);
  const responses = deref(model.document, operation?.responses);
  const response = deref(model.document, responses?.[op.response.status]);
  const content = deref(model.document, response?.content);
  const media = deref(model.document, content?.[op.response.contentType]);
  return deref(model.document, media?.schema);
}

/** Merges `allOf` members (and `oneOf`/`anyOf` alternatives, loosely) into one object schema. */
export function flattenObject(
  document: unknown,
  schema: JsonSchema | undefined,
  depth = 0,
): JsonSchema {
  const merged: JsonSchema = { type: "object", properties: {}, required: [] as string[] };
  if (!schema || depth > 8) return merged;
  const props = merged.properties as Record<string, unknown>;
  const required = merged.required as string[];
  const own = schema.properties;
  if (isObject(own)) Object.assign(props, own);
  if (Array.isArray(schema.required)) required.push(...schema.required.map(String));
  for (const member of (schema.allOf as unknown[] | undefined) ?? []) {
    const flat = flattenObject(document, deref(document, member), depth + 1);
    Object.assign(props, flat.properties as object);
    required.push(...(flat.required as string[]));
  }
  // An alternative's properties may or may not be there, so none of them is required.
  for (const key of ["oneOf", "anyOf"] as const) {
    for (const member of (schema[key] as unknown[] | undefined) ?? []) {
      const flat = flattenObject(document, deref(document, member), depth + 1);
      for (const [name, value] of Object.entries(flat.properties as object)) {
        if (!(name in props)) props[name] = value;
      }
    }
  }
  return merged;
}

/** The schema of one record: the response schema walked down `recordsPath`, then its items. */
export function recordSchema(model: IntegrationModel, op: OperationModel): JsonSchema | undefined {
  if (op.recordSchemaRef) {
    const named = deref(model.document, { $ref: op.recordSchemaRef });
    if (named) return named;
  }
  let node = responseSchema(model, op);
  for (const key of op.recordsPath) {
    const flat = flattenObject(model.document, node);
    node = deref(model.document, (flat.properties as Record<string, unknown>)[key]);
  }
  if (node && op.isList && (node.type === "array" || node.items !== undefined)) {
    node = deref(model.document, node.items);
  }
  return node;
}
