/**
 * Requests `invoke()`, `validateCredentials()` and the tests pass to the client: required path and
 * query parameters come from the job's config (tests use fixed sample values).
 */
import type { OperationModel, ParameterModel } from "../../model/types.js";
import { jsonLiteral, propertyKey, stringLiteral } from "../safe-text.js";

export function requiredParams(op: OperationModel): ParameterModel[] {
  return op.parameters.filter((p) => p.required && p.in !== "cookie");
}

function fromConfig(p: ParameterModel): string {
  const read = `this.config(${stringLiteral(p.name)})`;
  if (p.type === "integer" || p.type === "number") return `Number(${read})`;
  if (p.type === "boolean") return `${read} === "true"`;
  if (p.type === "array") return `${read}.split(",")`;
  return read;
}

function sampleValue(p: ParameterModel): string {
  if (p.type === "integer" || p.type === "number") return "1";
  if (p.type === "boolean") return "true";
  if (p.type === "array") return `["example"]`;
  return `"example"`;
}

/** The value a test's job config holds for a required parameter. */
export function configSample(p: ParameterModel): string {
  if (p.type === "integer" || p.type === "number") return "1";
  if (p.type === "boolean") return "true";
  return "example";
}

function requestCode(
  op: OperationModel,
  value: (p: ParameterModel) => string,
  extraQuery: string[],
): string {
  const params = requiredParams(op);
  const groups = (["path", "query", "header"] as const)
    .map((where) => ({
      where,
      fields: [
        ...params.filter((p) => p.in === where).map((p) => `${propertyKey(p.name)}: ${value(p)}`),
        ...(where === "query" ? extraQuery : []),
      ],
    }))
    .filter((g) => g.fields.length > 0)
    .map((g) => `${g.where}: { ${g.fields.join(", ")} }`);
  // the smallest body the spec accepts; without required fields the client sends `{}`
  if (op.requestBody?.minimal !== undefined)
    groups.push(`body: ${jsonLiteral(op.requestBody.minimal, 0)}`);
  return groups.length > 0 ? `{ ${groups.join(", ")} }` : "";
}

/** The request `invoke()` passes: required values from `this.config(...)`. */
export const invokeRequest = (op: OperationModel, extraQuery: string[] = []) =>
  requestCode(op, fromConfig, extraQuery);

/** The request a test passes: fixed sample values. */
export const testRequest = (op: OperationModel) => requestCode(op, sampleValue, []);
