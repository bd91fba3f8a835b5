/**
 * The manifest folder `.capkit/` beside `.capkit.json`: the exact text capkit last generated for
 * each hand-owned file (the merge base of `capkit update`) and the pruned spec it was generated
 * from (what the change report compares a new spec with). Base files end in `.base`, so no tool
 * that globs `*.ts` (tsc, vitest, ESLint, `capkit lint`) ever takes them for code.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EmittedFile } from "../emit/context.js";
import { CapkitError } from "../errors.js";
import type { OpenAPIV3Document } from "../openapi/types.js";

export const STORE_DIR = ".capkit";
export const SNAPSHOT = `${STORE_DIR}/spec.json`;
export const CONFLICT_SUFFIX = ".capkit-new";

export const basePath = (file: string): string => `${STORE_DIR}/base/${file}.base`;

/** True for the paths this module writes: `.capkit/spec.json` and `.capkit/base/<file>.base`. */
export function isStorePath(path: string): boolean {
  return path === SNAPSHOT || /^\.capkit\/base\/[A-Za-z0-9_][A-Za-z0-9_.-]*\.base$/.test(path);
}

/** The base of every hand-owned file capkit writes in this run. */
export function baseFiles(handFiles: readonly EmittedFile[]): EmittedFile[] {
  return handFiles.map((f) => ({ path: basePath(f.path), content: f.content, owner: "generated" }));
}

/**
 * The pruned document the integration was generated from, for the next change report. Examples,
 * extensions and schema prose are left out (a third of GitHub's size): the report compares shapes.
 * Operation and response descriptions stay: pagination detection reads them.
 */
export function snapshotFile(document: unknown): EmittedFile {
  const slim = slimmed(document, false, false);
  return { path: SNAPSHOT, content: `${JSON.stringify(slim, null, 2)}\n`, owner: "generated" };
}

// Objects whose keys are names (a property called `description` is a field, not prose).
const MAPS = new Set([
  "$defs",
  "callbacks",
  "content",
  "definitions",
  "headers",
  "links",
  "mapping",
  "parameters",
  "paths",
  "patternProperties",
  "properties",
  "requestBodies",
  "responses",
  "schemas",
  "securitySchemes",
  "variables",
]);

function slimmed(node: unknown, inSchema: boolean, isMap: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => slimmed(item, inSchema, false));
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isMap && dropped(key, inSchema)) continue;
    const schemaBelow = inSchema || (!isMap && (key === "schema" || key === "schemas"));
    out[key] = slimmed(value, schemaBelow, !isMap && MAPS.has(key));
  }
  return out;
}

function dropped(key: string, inSchema: boolean): boolean {
  if (key === "example" || key === "examples" || key === "externalDocs") return true;
  return key.startsWith("x-") || (inSchema && key === "description");
}

/** The stored base of a hand-owned file, or undefined when capkit has none (older manifests). */
export function readBase(outDir: string, file: string): string | undefined {
  const path = join(outDir, basePath(file));
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** The stored spec snapshot, parsed; undefined when there is none. */
export function readSnapshot(outDir: string): OpenAPIV3Document | undefined {
  const path = join(outDir, SNAPSHOT);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CapkitError(
      "SNAPSHOT_INVALID",
      `${path} is not valid JSON (${(error as Error).message}). It is the spec capkit last generated from; restore it from git, or delete it to update without a change report.`,
      { source: path, cause: error },
    );
  }
  const doc = parsed as Partial<OpenAPIV3Document> | null;
  if (typeof doc !== "object" || doc === null || typeof doc.paths !== "object") {
    throw new CapkitError(
      "SNAPSHOT_INVALID",
      `${path} is not an OpenAPI document (no #/paths). Restore it from git, or delete it to update without a change report.`,
      { source: path, where: "#/paths" },
    );
  }
  return parsed as OpenAPIV3Document;
}
