import type { OperationRef } from "../../openapi/operations.js";
import { type JsonObject, join, type Located } from "../../openapi/pointer.js";
import { requestBodySchema, resolve } from "../../openapi/schema.js";
import type { OpenAPIV3Document } from "../../openapi/types.js";

/** An operation's request body: whether it must be sent, and its JSON schema when it has one. */
export function requestBodyOf(
  doc: OpenAPIV3Document,
  op: OperationRef,
): { required: boolean; schema: Located<JsonObject> | undefined } | undefined {
  const body = resolve(doc, op.node.requestBody, join(op.pointer, "requestBody"));
  if (!body) return undefined;
  return { required: body.node.required === true, schema: requestBodySchema(doc, op) };
}
