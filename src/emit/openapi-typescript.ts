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
  /** openapi-typescript's transform of a document that is already bundled and validated. */
  transform(document: object): TypeScript.Node[];
  astToString: typeof OpenapiTypescript.astToString;
}

/**
 * `openapiTS()` without its first step: it validates and bundles the input with redocly again,
 * which the spec stage has already done (the pruned document has only local refs). The context is
 * openapiTS's own, with its defaults.
 */
function transformer(ots: typeof OpenapiTypescript): (document: object) => TypeScript.Node[] {
  return (document) => {
    const schema = document as OpenapiTypescript.OpenAPI3;
    const ctx = {
      additionalProperties: false,
      alphabetize: false,
      arrayLength: false,
      defaultNonNullable: true,
      discriminators: ots.scanDiscriminators(schema, {}),
      emptyObjectsUnknown: false,
      enum: false,
      enumValues: false,
      conditionalEnums: false,
      dedupeEnums: false,
      excludeDeprecated: false,
      exportType: false,
      immutable: false,
      rootTypes: false,
      rootTypesNoSchemaPrefix: false,
      rootTypesKeepCasing: false,
      injectFooter: [],
      pathParamsAsTypes: false,
      postTransform: undefined,
      propertiesRequiredByDefault: false,
      redoc: undefined,
      silent: true,
      inject: undefined,
      transform: undefined,
      transformProperty: undefined,
      makePathsEnum: false,
      generatePathParams: false,
      readWriteMarkers: false,
      resolve: ($ref: string) => ots.resolveRef(schema, $ref, { silent: true }),
    };
    return ots.transformSchema(schema, ctx as never);
  };
}

let api: OpenapiTypescriptApi | undefined;

export function openapiTypescript(): OpenapiTypescriptApi {
  if (!api) {
    const require = createRequire(import.meta.url);
    preloadWithCodeCache("typescript", require.resolve("openapi-typescript"));
    const ots = require("openapi-typescript") as typeof OpenapiTypescript;
    api = {
      ts: require("typescript") as typeof TypeScript,
      transform: transformer(ots),
      astToString: ots.astToString,
    };
  }
  return api;
}
