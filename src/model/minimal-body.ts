/**
 * The smallest request body the spec accepts: its required fields only, each with the first enum
 * value, a `const`, a default, an example, or a plain placeholder. Calls that `invoke()` and the
 * tests make send it, so they compile against the body's type; the engineer fills in real values.
 */

import type { OperationRef } from "../openapi/operations.js";
import { isObject, type JsonObject } from "../openapi/pointer.js";
import { requestBodySchema, resolve, schemaType, throughAllOf } from "../openapi/schema.js";
import type { OpenAPIV3Document } from "../openapi/types.js";

const MAX_DEPTH = 4;

function minimal(doc: OpenAPIV3Document, raw: unknown, depth: number): unknown {
  const located = resolve(doc, raw, "#");
  if (!located || depth > MAX_DEPTH) return {};
  const schema = throughAllOf(doc, located).node;
  // scalars only: an object example may hold fields the body's type does not name
  for (const key of ["const", "default", "example"] as const) {
    const value = schema[key];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      return value;
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branches = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(branches) && branches.length > 0) {
    // the branch that needs the least
    const options = branches.map((b) => minimal(doc, b, depth + 1));
    return options.find((o) => isObject(o) && Object.keys(o).length === 0) ?? options[0];
  }
  switch (schemaType(schema)) {
    case "string":
      return "example";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return false;
    case "array":
      return [];
    default:
      return requiredFields(doc, schema, depth);
  }
}

function requiredFields(doc: OpenAPIV3Document, schema: JsonObject, depth: number): object {
  const out: Record<string, unknown> = {};
  const parts = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf : [])];
  for (const part of parts) {
    const node = resolve(doc, part, "#")?.node;
    if (!node || !Array.isArray(node.required) || !isObject(node.properties)) continue;
    for (const name of node.required) {
      if (typeof name === "string" && !(name in out) && node.properties[name] !== undefined)
        out[name] = minimal(doc, node.properties[name], depth + 1);
    }
  }
  return out;
}

/** The minimal JSON body, or undefined when an empty object will do (or there is no JSON body). */
export function minimalBody(doc: OpenAPIV3Document, op: OperationRef): unknown {
  const schema = requestBodySchema(doc, op);
  if (!schema) return undefined;
  const body = minimal(doc, schema.node, 0);
  return isObject(body) && Object.keys(body).length === 0 ? undefined : body;
}
