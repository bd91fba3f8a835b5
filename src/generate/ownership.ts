/**
 * Never clobber: `--force` rewrites the generated files, and a hand-owned file (main, transform,
 * test) only when it is still exactly what capkit last wrote. One the engineer changed is kept;
 * with `--write-conflicts` the new generation lands beside it as `<file>.capkit-new`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EmittedFile, TestLayout } from "../emit/context.js";
import { sha256 } from "../emit/manifest.js";
import { recordedTestLayout } from "../emit/names.js";
import type { IntegrationModel } from "../model/types.js";
import { baseFiles, CONFLICT_SUFFIX, readBase } from "../update/base-store.js";

export interface Ownership {
  /** What this run writes: generated files, the hand-owned files capkit may replace, their bases. */
  files: EmittedFile[];
  /** Hand-owned files left as the engineer has them. */
  kept: string[];
  /** `<file>.capkit-new` written beside kept files (`--write-conflicts`). */
  conflicts: string[];
  /** sha256 of the text each hand-owned file derives from, where it is not this run's text. */
  keptHashes: Record<string, string>;
}

type RecordedFiles = Record<string, { owner?: unknown; sha256?: unknown }>;

/** The files the previous manifest in `outDir` lists; undefined without a readable one. */
function recordedFiles(outDir: string): RecordedFiles | undefined {
  try {
    const raw = JSON.parse(readFileSync(join(outDir, ".capkit.json"), "utf8")) as {
      files?: RecordedFiles;
    };
    return raw.files;
  } catch {
    return undefined;
  }
}

/** sha256 of each hand-owned file as the previous manifest records it (older manifests: no base). */
function recordedHashes(outDir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(recordedFiles(outDir) ?? {})
      .filter(([, f]) => f.owner === "hand" && typeof f.sha256 === "string")
      .map(([path, f]) => [path, String(f.sha256)]),
  );
}

/** The test layout of the integration in `outDir`, else `auto` (a first generation). */
export function existingTestLayout(
  outDir: string,
  model: Pick<IntegrationModel, "fileBase">,
): TestLayout {
  const files = recordedFiles(outDir);
  return files ? recordedTestLayout(files, model) : "auto";
}

/** What capkit last wrote for `file`, as a hash: its stored base, else the manifest's record. */
export function lastWrittenHash(
  outDir: string,
  file: string,
  recorded = recordedHashes(outDir),
): string | undefined {
  const base = readBase(outDir, file);
  return base !== undefined ? sha256(base) : recorded[file];
}

export function decideOwnership(
  outDir: string,
  emitted: readonly EmittedFile[],
  options: { writeConflicts?: boolean } = {},
): Ownership {
  const recorded = recordedHashes(outDir);
  const out: Ownership = { files: [], kept: [], conflicts: [], keptHashes: {} };
  const replaceable: EmittedFile[] = [];
  for (const file of emitted) {
    if (file.owner !== "hand") {
      out.files.push(file);
      continue;
    }
    const target = join(outDir, file.path);
    const onDisk = existsSync(target) ? readFileSync(target, "utf8") : undefined;
    const last = onDisk === undefined ? undefined : lastWrittenHash(outDir, file.path, recorded);
    if (onDisk === undefined || onDisk === file.content || sha256(onDisk) === last) {
      replaceable.push(file);
      continue;
    }
    out.kept.push(file.path);
    out.keptHashes[file.path] = last ?? sha256(file.content);
    if (options.writeConflicts) {
      const path = `${file.path}${CONFLICT_SUFFIX}`;
      out.files.push({ path, content: file.content, owner: "hand" });
      out.conflicts.push(path);
    }
  }
  out.files.push(...replaceable, ...baseFiles(replaceable));
  return out;
}
