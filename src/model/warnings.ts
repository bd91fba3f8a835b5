import { escapeToken, isObject } from "../openapi/pointer.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import type { ModelWarning } from "./types.js";

/**
 * `oneOf` without a discriminator in what the integration reads: the transform cannot tell the
 * alternatives apart from the data alone, and generated types become wide unions.
 */
export function oneOfWarnings(pruned: OpenAPIV3Document): ModelWarning[] {
  const out: ModelWarning[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, `${pointer}/${i}`);
      return;
    }
    if (!isObject(node)) return;
    if (Array.isArray(node.oneOf) && node.oneOf.length > 1 && !isObject(node.discriminator)) {
      out.push({
        code: "ONEOF_WITHOUT_DISCRIMINATOR",
        message:
          "A oneOf without a discriminator: the transform must tell the alternatives apart by their fields.",
        pointer,
      });
    }
    for (const [key, value] of Object.entries(node)) {
      // examples are data, not schemas
      if (typeof value === "object" && key !== "examples" && key !== "example")
        walk(value, `${pointer}/${escapeToken(key)}`);
    }
  };
  walk(pruned.paths, "#/paths");
  walk(pruned.components, "#/components");
  return out;
}
