import { CapkitError } from "../errors.js";
import type { JsonObject } from "./pointer.js";

/** Swagger 2.0 → OpenAPI 3.0 with swagger2openapi, patching the small errors real 2.0 files carry. */
export async function convertSwagger2(document: JsonObject, source: string): Promise<JsonObject> {
  try {
    // `text` is set so the converter does not YAML-stringify a large document just to keep a copy
    // Loaded on use: only Swagger 2.0 documents need the converter.
    const { convertObj } = await import("swagger2openapi");
    const converted = await convertObj(structuredClone(document), {
      patch: true,
      warnOnly: true,
      direct: true,
      resolve: false,
      text: "{}",
    });
    return converted as JsonObject;
  } catch (error) {
    throw new CapkitError(
      "SPEC_CONVERT_FAILED",
      `${source}: the Swagger 2.0 document could not be converted to OpenAPI 3.0 (${error instanceof Error ? error.message : String(error)}).`,
      { source, where: "#/swagger", cause: error },
    );
  }
}
