import { execFileSync } from "node:child_process";
import { CapkitError } from "../errors.js";

// Every git call uses -z and NUL-separated parsing: paths with spaces, quotes or non-ASCII bytes come
// through verbatim (without -z git C-quotes them). GIT_INDEX_FILE is inherited from the hook's env.

function git(cwd: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync("git", args, {
      cwd,
      input,
      maxBuffer: 1 << 30,
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new CapkitError(
      "GIT_FAILED",
      `git ${args[0]} failed in ${cwd}: ${stderr || (error as Error).message}`,
      {
        source: cwd,
        exitCode: 2,
      },
    );
  }
}

export function gitTopLevel(cwd: string): string {
  return git(cwd, ["rev-parse", "--show-toplevel"]).toString("utf8").trim();
}

export interface StagedChange {
  status: "A" | "M" | "R" | "C" | "T";
  /** Repo-relative path in the index. */
  path: string;
  /** For renames and copies: the path it came from. */
  from?: string;
}

/** Added, modified, renamed, copied and type-changed paths in the index; deletions are left out. */
export function stagedChanges(top: string): StagedChange[] {
  const fields = git(top, ["diff", "--cached", "--name-status", "-z", "-M", "--diff-filter=ACMRT"])
    .toString("utf8")
    .split("\0");
  const changes: StagedChange[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const status = (fields[i++] ?? "").charAt(0) as StagedChange["status"];
    if (status === "R" || status === "C") {
      const from = fields[i++] ?? "";
      changes.push({ status, from, path: fields[i++] ?? "" });
    } else changes.push({ status, path: fields[i++] ?? "" });
  }
  return changes;
}

/** `path → blob id` for every index entry under `dirs` (stage 0; unmerged entries are skipped). */
export function indexEntries(top: string, dirs: string[]): Map<string, string> {
  const out = git(top, ["ls-files", "-z", "--stage", "--", ...dirs.map((d) => `:(literal)${d}`)])
    .toString("utf8")
    .split("\0");
  const entries = new Map<string, string>();
  for (const record of out) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [, sha, stage] = record.slice(0, tab).split(" ");
    if (sha && stage === "0") entries.set(record.slice(tab + 1), sha);
  }
  return entries;
}

/** Reads many blobs with one `git cat-file --batch` process. */
export function readBlobs(top: string, shas: string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return blobs;
  const out = git(top, ["cat-file", "--batch"], `${unique.join("\n")}\n`);
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const [sha, type, size] = out.subarray(at, eol).toString("utf8").split(" ");
    if (type === "missing" || !sha || !size) {
      at = eol + 1;
      continue;
    }
    const length = Number(size);
    blobs.set(sha, out.subarray(eol + 1, eol + 1 + length));
    at = eol + 1 + length + 1;
  }
  return blobs;
}
