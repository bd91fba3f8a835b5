import type { OperationRef } from "../openapi/operations.js";
import { type Param, parametersOf, schemaType } from "../openapi/schema.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import { safeIdentifier, uniqueIn } from "./names.js";
import type { ParameterModel, Rename } from "./types.js";

const PLACES = new Set(["path", "query", "header", "cookie"]);

/** Parameters with safe, per-operation unique identifiers; renames reported. */
export function parameterModels(
  doc: OpenAPIV3Document,
  op: OperationRef,
  renames: Rename[],
): { models: ParameterModel[]; params: Param[] } {
  const taken = new Set<string>();
  const params = parametersOf(doc, op).filter((p) => PLACES.has(p.in));
  const models = params.map((p) => {
    const safe = safeIdentifier(p.name, "camel", "param");
    const identifier = uniqueIn(safe.identifier, taken);
    if (safe.reason || identifier !== safe.identifier) {
      renames.push({
        kind: "parameter",
        from: p.name,
        to: identifier,
        reason: `${op.operationId}: ${identifier !== safe.identifier ? "collides with another parameter" : safe.reason}`,
      });
    }
    const model: ParameterModel = {
      name: p.name,
      identifier,
      in: p.in as ParameterModel["in"],
      required: p.required,
      type: schemaType(p.schema) ?? "string",
    };
    if (typeof p.schema.maximum === "number") model.maximum = p.schema.maximum;
    if (typeof p.node.description === "string") model.description = p.node.description;
    return model;
  });
  return { models, params };
}
