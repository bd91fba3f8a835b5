/**
 * Three-way merge of a hand-owned file with `git merge-file` itself: the exact semantics (and
 * conflict markers) engineers already resolve every day, from the git every integration repository
 * has, at no new dependency. A JavaScript diff3 (node-diff3) would be in-process, but it settles
 * adjacent and identical changes differently from git, and "what git would do" is the contract.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CapkitError } from "../errors.js";

export interface MergeLabels {
  ours: string;
  base: string;
  theirs: string;
}

export interface Merged {
  text: string;
  conflicts: number;
}

/** Changes from `base` to `theirs`, applied to `ours`; overlapping ones between markers. */
export function mergeFile(ours: string, base: string, theirs: string, labels: MergeLabels): Merged {
  if (ours === base || ours === theirs) return { text: theirs, conflicts: 0 };
  if (theirs === base) return { text: ours, conflicts: 0 };
  const dir = mkdtempSync(join(tmpdir(), "capkit-merge-"));
  try {
    const files = { ours: join(dir, "ours"), base: join(dir, "base"), theirs: join(dir, "theirs") };
    writeFileSync(files.ours, ours);
    writeFileSync(files.base, base);
    writeFileSync(files.theirs, theirs);
    const result = spawnSync(
      "git",
      [
        "merge-file",
        "-p",
        "-L",
        labels.ours,
        "-L",
        labels.base,
        "-L",
        labels.theirs,
        files.ours,
        files.base,
        files.theirs,
      ],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    if (result.error) {
      throw new CapkitError(
        "GIT_MISSING",
        `capkit update merges hand-owned files with \`git merge-file\`, and git could not be run (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}). Install git and re-run; nothing was written.`,
        { cause: result.error },
      );
    }
    // the exit status is the number of conflicts; a negative one (255 here) is an error
    const status = result.status ?? 255;
    if (status > 127) {
      throw new CapkitError(
        "MERGE_FAILED",
        `git merge-file failed (${result.stderr.trim() || `status ${status}`}); nothing was written.`,
      );
    }
    return { text: result.stdout, conflicts: status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1-based line numbers of the conflict markers `<<<<<<<` in a merged text. */
export function conflictLines(text: string): number[] {
  const out: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.startsWith("<<<<<<< ")) out.push(i + 1);
  });
  return out;
}
