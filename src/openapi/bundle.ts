/**
 * Bundling multi-file documents needs redocly, the heaviest import in capkit: it is loaded only
 * for a document that has external `$ref`s, never for the single-file case.
 */
import type { JsonObject } from "./pointer.js";

export async function bundleExternal(
  ...args: Parameters<typeof import("./bundle-redocly.js").bundleExternal>
): Promise<JsonObject> {
  const { bundleExternal: bundle } = await import("./bundle-redocly.js");
  return bundle(...args);
}
