import { CapkitError } from "../errors.js";
import type { JsonObject } from "./pointer.js";

export type SpecVersion = "2.0" | "3.0" | "3.1";

/** Which OpenAPI family a document belongs to; anything else is refused with its place. */
export function detectVersion(document: JsonObject, source: string): SpecVersion {
  const { openapi, swagger } = document;
  if (typeof openapi === "string") {
    if (/^3\.0\.\d+/.test(openapi)) return "3.0";
    if (/^3\.1\.\d+/.test(openapi)) return "3.1";
    throw unsupported(source, "#/openapi", `openapi: ${JSON.stringify(openapi).slice(0, 40)}`);
  }
  if (swagger !== undefined) {
    if (String(swagger) === "2.0") return "2.0";
    throw unsupported(source, "#/swagger", `swagger: ${JSON.stringify(swagger).slice(0, 40)}`);
  }
  throw new CapkitError(
    "SPEC_NOT_A_SPEC",
    `${source} is not an OpenAPI document: it has neither an \`openapi\` nor a \`swagger\` field at the top level (#).`,
    { source, where: "#" },
  );
}

function unsupported(source: string, where: string, found: string): CapkitError {
  return new CapkitError(
    "SPEC_UNSUPPORTED_VERSION",
    `${source} declares ${found} at ${where}; capkit reads OpenAPI 3.0 and 3.1, and Swagger 2.0 (converted).`,
    { source, where },
  );
}
