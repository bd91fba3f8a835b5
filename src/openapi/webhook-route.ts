import { follow, isObject, type JsonObject } from "./pointer.js";
import { resolve } from "./schema.js";
import type { OpenAPIV3Document } from "./types.js";
import { headerParams, payloadOf, type WebhookRef } from "./webhooks.js";

export interface EventRoute {
  /** Header values that mark the event (names lower-case). */
  headers: Record<string, string>;
  /** Payload fields with a single possible value. */
  fields: { path: string[]; value: string | number | boolean }[];
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** The one value a schema allows: `const`, or an `enum` of one. */
function onlyValue(schema: JsonObject): Scalar | undefined {
  if (isScalar(schema.const)) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length === 1 && isScalar(schema.enum[0]))
    return schema.enum[0];
  return undefined;
}

/** Top-level properties of an object schema, `allOf` members merged. */
function properties(doc: OpenAPIV3Document, schema: JsonObject, depth = 0): [string, JsonObject][] {
  if (depth > 8) return [];
  const out: [string, JsonObject][] = [];
  if (isObject(schema.properties)) {
    for (const [name, raw] of Object.entries(schema.properties)) {
      const node = follow(doc, raw, "#")?.node;
      if (isObject(node)) out.push([name, node]);
    }
  }
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const node = resolve(doc, member, "#")?.node;
    if (node) out.push(...properties(doc, node, depth + 1));
  }
  return out;
}

/**
 * How a delivery is recognised as this event, read from the spec: header parameters and payload
 * fields that allow one value (GitHub's `action: enum [created]`, a Standard Webhooks `type`
 * const), one level into nested objects (`data.type`). GitHub's own descriptions name the
 * `X-GitHub-Event` value in their `x-github.subcategory` extension.
 */
export function eventRoute(doc: OpenAPIV3Document, event: WebhookRef): EventRoute {
  const headers: Record<string, string> = {};
  for (const param of headerParams(doc, event)) {
    const value = onlyValue(param.schema);
    // only what an HTTP header can carry: a token name, a visible-ASCII value
    if (value !== undefined && TOKEN.test(param.name) && HEADER_VALUE.test(String(value)))
      headers[param.name.toLowerCase()] = String(value);
  }
  const github = event.node["x-github"];
  if (isObject(github) && typeof github.subcategory === "string")
    headers["x-github-event"] ??= github.subcategory;
  const fields: EventRoute["fields"] = [];
  const schema = payloadOf(doc, event).schema?.node;
  for (const [name, prop] of schema ? properties(doc, schema) : []) {
    const value = onlyValue(prop);
    if (value !== undefined) fields.push({ path: [name], value });
    else if (prop.type === "object" || isObject(prop.properties)) {
      for (const [inner, innerProp] of properties(doc, prop)) {
        const nested = onlyValue(innerProp);
        if (nested !== undefined) fields.push({ path: [name, inner], value: nested });
      }
    }
  }
  return { headers, fields };
}
