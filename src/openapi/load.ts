import { CapkitError } from "../errors.js";
import type { ModelWarning } from "../model/types.js";
import { bundleExternal } from "./bundle.js";
import { createLoadContext } from "./context.js";
import { convertSwagger2 } from "./convert.js";
import { indexOperations } from "./operations.js";
import { parseText } from "./parse.js";
import type { JsonObject } from "./pointer.js";
import { type RawSource, readSource } from "./read.js";
import {
  assertLocalRefsResolve,
  assertScannedRefsResolve,
  collectRefs,
  hasExternalRefs,
  scanJsonRefs,
} from "./refs.js";
import type { LoadedSpec, LoadOptions, OpenAPIV3Document } from "./types.js";
import { detectVersion } from "./version.js";
import { indexWebhooks } from "./webhooks.js";

/**
 * Load stage: read (file or URL) → parse → bundle (only when there are external refs: redocly's
 * bundler is the slow part on a 13 MB document) → convert Swagger 2.0 → check. The result is one
 * self-contained OpenAPI 3.0/3.1 document.
 */
export async function loadSpec(source: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const ctx = createLoadContext(options);
  const raw = await readSource(source, ctx);
  ctx.onProgress({ phase: "parse", bytes: raw.size });
  let parsed = parseRaw(raw);
  const version = detectVersion(parsed, raw.display);
  const json = raw.jsonText;
  const scanned = json?.trimStart().startsWith("{") ? scanJsonRefs(json) : undefined;
  if (scanned && version !== "2.0" && ![...scanned].some((r) => !r.startsWith("#"))) {
    // the common case, a single-file JSON document: no tree walk at all
    assertScannedRefsResolve(parsed, scanned, raw.display);
  } else {
    let refs = collectRefs(parsed);
    if (hasExternalRefs(refs)) {
      parsed = await bundleExternal(raw, parsed, ctx);
      refs = collectRefs(parsed);
    }
    if (version === "2.0") {
      ctx.onProgress({ phase: "convert" });
      assertLocalRefsResolve(parsed, refs, raw.display);
      parsed = await convertSwagger2(parsed, raw.display);
      refs = collectRefs(parsed);
    }
    assertLocalRefsResolve(parsed, refs, raw.display);
  }
  const document = checkShape(parsed, raw.display);
  ctx.onProgress({ phase: "done" });
  return {
    source: raw.display,
    hash: raw.hash,
    document,
    openapi: document.openapi,
    converted: version === "2.0",
    warnings: documentWarnings(document),
  };
}

/** JSON from its one-byte text (fast); anything else, and any failure, from the exact text. */
function parseRaw(raw: RawSource): JsonObject {
  const json = raw.jsonText;
  if (json !== undefined) {
    try {
      return parseText(json, raw.display, raw.contentType);
    } catch {
      // positions in the escaped text can differ: the exact text gives the exact error
    }
  }
  return parseText(raw.text, raw.display, raw.contentType);
}

function checkShape(parsed: JsonObject, source: string): OpenAPIV3Document {
  const document = parsed as OpenAPIV3Document;
  if (typeof document.info !== "object" || document.info === null) {
    throw new CapkitError(
      "SPEC_INVALID",
      `${source} has no \`info\` object at #/info; it is required by OpenAPI.`,
      {
        source,
        where: "#/info",
      },
    );
  }
  if (typeof document.paths !== "object" || document.paths === null) document.paths = {};
  if (
    indexOperations(document).operations.length === 0 &&
    indexWebhooks(document).events.length === 0
  ) {
    throw new CapkitError(
      "SPEC_NO_OPERATIONS",
      `${source} describes no operations (#/paths is empty) and no webhook events (#/webhooks), so there is nothing to integrate with.`,
      { source, where: "#/paths" },
    );
  }
  return document;
}

/** Document-wide warnings doctor shows and the model carries. */
function documentWarnings(document: OpenAPIV3Document): ModelWarning[] {
  const warnings: ModelWarning[] = [...indexOperations(document).warnings];
  if (!Array.isArray(document.servers) || document.servers.length === 0) {
    warnings.push({
      code: "NO_SERVERS",
      message: "The document declares no servers; the base URL must be set by hand.",
      pointer: "#/servers",
    });
  }
  const schemes = document.components?.securitySchemes;
  if (!schemes || Object.keys(schemes).length === 0) {
    warnings.push({
      code: "NO_SECURITY",
      message:
        "The document declares no security scheme; bearer auth is assumed until you confirm it.",
      pointer: "#/components/securitySchemes",
    });
  }
  return warnings;
}
