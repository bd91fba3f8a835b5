/**
 * Puts an integration on disk, all or nothing: files are written to a staging folder beside the
 * output folder, then moved into place. Nothing lands outside the output folder, and a folder that
 * already holds files is only touched with `force`.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { EmittedFile } from "../emit/index.js";
import { CapkitError } from "../errors.js";
import { isStorePath } from "../update/base-store.js";

/** `kept`: a hand-owned file the engineer changed, left as it is (never clobbered). */
export type FileStatus = "created" | "updated" | "unchanged" | "deleted" | "kept";

export interface PlannedFile {
  path: string;
  owner: EmittedFile["owner"];
  lines: number;
  status: FileStatus;
  /** Unified diff against the file on disk, when it exists and differs (dry runs only). */
  diff?: string;
}

const SAFE_NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;

function lines(content: string): number {
  return content.endsWith("\n") ? content.split("\n").length - 1 : content.split("\n").length;
}

/** Every emitted path is a plain file name or one of the manifest folder's: no `..`, nothing absolute. */
function assertInside(outDir: string, file: EmittedFile): string {
  const plain = SAFE_NAME.test(file.path) && !file.path.includes("..");
  if (!plain && !isStorePath(file.path)) {
    throw new CapkitError(
      "UNSAFE_PATH",
      `Refusing to write ${JSON.stringify(file.path)}: not a plain file name inside ${outDir}.`,
    );
  }
  return join(outDir, file.path);
}

/**
 * Generated files of the previous run that this run no longer writes (a types file that needed
 * one split fewer): listed in the old manifest as `generated`, so removing them loses no work.
 */
export function staleFiles(outDir: string, files: EmittedFile[]): string[] {
  const manifestPath = join(outDir, ".capkit.json");
  if (!existsSync(manifestPath)) return [];
  let previous: { files?: Record<string, { owner?: string }> };
  try {
    previous = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    return [];
  }
  const next = new Set(files.map((f) => f.path));
  return Object.entries(previous.files ?? {})
    .filter(([path, meta]) => meta.owner === "generated" && !next.has(path) && SAFE_NAME.test(path))
    .map(([path]) => path)
    .filter((path) => existsSync(join(outDir, path)));
}

/** What a run does to each file, for the report (the manifest folder's files are not listed). */
export function planFiles(
  outDir: string,
  files: EmittedFile[],
  withDiff: boolean,
  kept: readonly string[] = [],
): PlannedFile[] {
  const stale = staleFiles(outDir, files).map((path) => ({
    path,
    owner: "generated" as const,
    lines: lines(readFileSync(join(outDir, path), "utf8")),
    status: "deleted" as const,
  }));
  return [
    ...files
      .filter((file) => !isStorePath(file.path))
      .map((file) => {
        const target = assertInside(outDir, file);
        const before = existsSync(target) ? readFileSync(target, "utf8") : undefined;
        const status: FileStatus =
          before === undefined
            ? "created"
            : before === file.content
              ? "unchanged"
              : kept.includes(file.path)
                ? "kept"
                : "updated";
        const planned: PlannedFile = {
          path: file.path,
          owner: file.owner,
          lines: lines(file.content),
          status,
        };
        if (withDiff && (status === "updated" || status === "kept") && before !== undefined) {
          planned.diff = createTwoFilesPatch(
            `a/${file.path}`,
            `b/${file.path}`,
            before,
            file.content,
          );
        }
        return planned;
      }),
    ...stale,
  ];
}

/** Refuses an output folder that holds files, unless forced; names what is there. */
export function checkOutputFolder(outDir: string, force: boolean): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) {
    throw new CapkitError(
      "OUT_NOT_A_FOLDER",
      `The output path ${outDir} exists and is not a folder. Choose another --out.`,
    );
  }
  const entries = readdirSync(outDir);
  if (entries.length === 0 || force) return;
  const what = entries.includes(".capkit.json")
    ? "already holds a capkit integration"
    : `is not empty (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""})`;
  throw new CapkitError(
    "OUT_EXISTS",
    `The output folder ${outDir} ${what}. Nothing was written. Re-run with --force to rewrite the generated files there (hand-owned files you changed are kept; add --write-conflicts to get the new generation beside them as <file>.capkit-new), \`capkit update\` to take a new version of the spec into an integration, --dry-run to see the differences, or --out to choose another folder.`,
  );
}

/** Writes all files or none. */
export function writeFiles(outDir: string, files: EmittedFile[]): void {
  const absolute = resolve(outDir);
  const parent = dirname(absolute);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new CapkitError(
      "OUT_UNWRITABLE",
      `Cannot create ${parent}: ${(error as NodeJS.ErrnoException).code ?? "error"}. Nothing was written.`,
      { cause: error },
    );
  }
  const staging = join(parent, `.${basename(absolute)}.capkit-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(staging);
    for (const file of files) {
      const path = assertInside(staging, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    if (!existsSync(absolute)) {
      renameSync(staging, absolute);
      return;
    }
    const stale = staleFiles(absolute, files);
    replaceInto(absolute, staging, files);
    for (const path of stale) rmSync(join(absolute, path), { force: true });
  } catch (error) {
    if (error instanceof CapkitError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new CapkitError(
      "OUT_UNWRITABLE",
      `Cannot write the integration to ${absolute}: ${code}. Nothing was written.`,
      { cause: error },
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves staged files over existing ones, keeping backups until every move succeeded. */
function replaceInto(target: string, staging: string, files: EmittedFile[]): void {
  const backups: { from: string; backup: string }[] = [];
  const created: string[] = [];
  try {
    for (const file of files) {
      const destination = join(target, file.path);
      mkdirSync(dirname(destination), { recursive: true });
      if (existsSync(destination)) {
        const backup = join(staging, `${file.path}.previous`);
        renameSync(destination, backup);
        backups.push({ from: destination, backup });
      } else {
        created.push(destination);
      }
      renameSync(join(staging, file.path), destination);
    }
  } catch (error) {
    for (const path of created) rmSync(path, { force: true });
    for (const { from, backup } of backups.reverse()) renameSync(backup, from);
    throw error;
  }
}
