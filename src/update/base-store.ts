/**
 * The manifest folder `.capkit/` beside `.capkit.json`: the exact text capkit last generated for
 * each hand-owned file (the merge base of `capkit update`) and the pruned spec it was generated
 * from (what the change report compares a new spec with). Base files end in `.base`, so no tool
 * that globs `*.ts` (tsc, vitest, ESLint, `capkit lint`) ever takes them for code.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EmittedFile } from "../emit/context.js";

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

/** The pruned document the integration was generated from, for the next change report. */
export function snapshotFile(document: unknown): EmittedFile {
  return { path: SNAPSHOT, content: `${JSON.stringify(document, null, 2)}\n`, owner: "generated" };
}

/** The stored base of a hand-owned file, or undefined when capkit has none (older manifests). */
export function readBase(outDir: string, file: string): string | undefined {
  const path = join(outDir, basePath(file));
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** The stored spec snapshot, parsed; undefined when there is none. */
export function readSnapshot(outDir: string): Record<string, unknown> | undefined {
  const path = join(outDir, SNAPSHOT);
  if (!existsSync(path)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}
