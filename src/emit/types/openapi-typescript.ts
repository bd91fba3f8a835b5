/**
 * Loads openapi-typescript and TypeScript 5.9 (its peer) through `require`: an ESM `import` of the
 * 9 MB TypeScript bundle makes Node 20 lex all of it for export names (~350 ms), and `require` lets
 * the V8 code cache skip the compile as well. Loaded once, on first use.
 */
import { createRequire } from "node:module";
import type * as OpenapiTypescript from "openapi-typescript";
import type TypeScript from "typescript";
import { preloadWithCodeCache, putInModuleCache } from "../../shared/compile-cache.js";

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
    const ctx: OpenapiTypescript.GlobalContext = {
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
      // openapiTS reads redocly's config only to validate and bundle, the step left out here
      get redoc(): OpenapiTypescript.GlobalContext["redoc"] {
        throw new Error("openapi-typescript's transforms read no redocly config");
      },
      silent: true,
      inject: undefined,
      transform: undefined,
      transformProperty: undefined,
      makePathsEnum: false,
      generatePathParams: false,
      readWriteMarkers: false,
      resolve: <T>($ref: string) => ots.resolveRef<T>(schema, $ref, { silent: true }),
    };
    return ots.transformSchema(schema, ctx);
  };
}

let api: OpenapiTypescriptApi | undefined;

/**
 * openapi-typescript requires all of redocly (~170 ms) at load, for the validate-and-bundle step
 * `transformer()` leaves out; its transforms only use `ref-utils`, which they require directly.
 * The main entry is stood in for by an object that fails loudly if anything does reach it.
 */
function skipRedocly(openapiTypescriptEntry: string): void {
  const require = createRequire(openapiTypescriptEntry);
  let path: string;
  try {
    path = require.resolve("@redocly/openapi-core");
  } catch {
    return;
  }
  if (require.cache[path]) return;
  putInModuleCache(
    path,
    new Proxy(
      {},
      {
        get(_target, name) {
          if (typeof name === "symbol" || name === "__esModule" || name === "then")
            return undefined;
          throw new Error(
            `capkit: openapi-typescript reached redocly's ${String(name)}, which capkit does not load`,
          );
        },
      },
    ),
  );
}

export function openapiTypescript(): OpenapiTypescriptApi {
  if (!api) {
    const require = createRequire(import.meta.url);
    const entry = require.resolve("openapi-typescript");
    preloadWithCodeCache("typescript", entry);
    skipRedocly(entry);
    const ots = require("openapi-typescript") as typeof OpenapiTypescript;
    api = {
      ts: require("typescript") as typeof TypeScript,
      transform: transformer(ots),
      astToString: ots.astToString,
    };
  }
  return api;
}
