import type { OpenAPIV3Document } from "./types.js";

export interface ValidationProblem {
  message: string;
  pointer: string;
}

/**
 * Structural validation with redocly's `struct` and `no-unresolved-refs` rules: the checks that
 * decide whether openapi-typescript and the runtime can consume the document, not style.
 */
export async function validateDocument(
  document: OpenAPIV3Document,
  name = "pruned.json",
): Promise<ValidationProblem[]> {
  // Loaded on use: redocly is the heaviest import in capkit, and most runs never validate.
  const { BaseResolver, lintDocument, Source } = await import("@redocly/openapi-core");
  const { redoclyConfig } = await import("./bundle-redocly.js");
  const problems = await lintDocument({
    document: { source: new Source(`/${name}`, JSON.stringify(document)), parsed: document },
    config: await redoclyConfig(),
    externalRefResolver: new BaseResolver(),
  });
  return problems
    .filter((p) => p.severity === "error")
    .map((p) => ({ message: p.message, pointer: p.location[0]?.pointer ?? "#" }));
}
