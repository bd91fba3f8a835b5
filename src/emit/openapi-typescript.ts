/**
 * Loads openapi-typescript and TypeScript 5.9 (its peer) through `require`: an ESM `import` of the
 * 9 MB TypeScript bundle makes Node 20 lex all of it for export names (~350 ms), and `require` lets
 * the V8 code cache skip the compile as well. Loaded once, on first use.
 */
import { createRequire } from "node:module";
import type * as OpenapiTypescript from "openapi-typescript";
import type TypeScript from "typescript";
import { preloadWithCodeCache } from "../shared/compile-cache.js";

export interface OpenapiTypescriptApi {
  ts: typeof TypeScript;
  openapiTS: typeof OpenapiTypescript.default;
  astToString: typeof OpenapiTypescript.astToString;
}

let api: OpenapiTypescriptApi | undefined;

export function openapiTypescript(): OpenapiTypescriptApi {
  if (!api) {
    const require = createRequire(import.meta.url);
    preloadWithCodeCache("typescript", require.resolve("openapi-typescript"));
    const ots = require("openapi-typescript") as typeof OpenapiTypescript;
    api = {
      ts: require("typescript") as typeof TypeScript,
      openapiTS: ots.default,
      astToString: ots.astToString,
    };
  }
  return api;
}
