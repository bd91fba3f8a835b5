/**
 * The document `openapi-typescript` sees: the pruned spec without prose (descriptions, examples and
 * external docs only cost lines in a types file), and with operation ids made unique (hostile or
 * sloppy specs repeat them, and `openapi-typescript` rejects that).
 */
import type { IntegrationModel } from "../../model/types.js";
import { lookupPointer } from "./record-schema.js";

const PROSE = new Set(["description", "summary", "example", "examples", "externalDocs"]);
// Under these keys the children are names chosen by the spec author, not keywords.
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "schemas",
  "responses",
  "parameters",
  "headers",
  "securitySchemes",
  "requestBodies",
  "pathItems",
  "content",
  "links",
  "callbacks",
  "variables",
  "mapping",
]);
const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

function strip(node: unknown, parentKey: string): unknown {
  if (Array.isArray(node)) return node.map((item) => strip(item, ""));
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  const isNameMap = NAME_MAPS.has(parentKey);
  for (const [key, value] of Object.entries(node)) {
    if (!isNameMap && PROSE.has(key)) continue;
    if (!isNameMap && key.startsWith("x-")) continue;
    out[key] = strip(value, isNameMap ? "" : key);
  }
  return out;
}

/**
 * openapi-typescript types a `$ref` as an indexed access into its own output, which has no
 * `schema` level under a media type: refs into `#/paths/…` (bundlers write them to reuse a schema
 * seen first inside an operation) become copies of their target instead.
 */
function inlinePathRefs(node: unknown, root: unknown, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((item) => inlinePathRefs(item, root, depth));
  if (typeof node !== "object" || node === null) return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string" && ref.startsWith("#/paths/") && depth < 16) {
    return inlinePathRefs(lookupPointer(root, ref), root, depth + 1);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = inlinePathRefs(value, root, depth);
  return out;
}

export function typesDocument(model: IntegrationModel): Record<string, unknown> {
  const stripped = strip(model.document, "");
  const doc = inlinePathRefs(stripped, stripped) as Record<string, unknown>;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  const byKey = new Map(
    [...model.operations, ...model.extraOperations].map((op) => [`${op.method} ${op.path}`, op]),
  );
  let synthetic = 0;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (!METHODS.has(method) || typeof operation !== "object" || operation === null) continue;
      const op = byKey.get(`${method} ${path}`);
      operation.operationId = op ? op.methodName : `operation${++synthetic}`;
    }
  }
  return doc;
}
