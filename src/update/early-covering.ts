/**
 * Verification's first question — does the host project's tsconfig cover the integration? — is a
 * `tsc --listFilesOnly` of the whole host program, about a second. An update knows the folder before
 * it writes, so it asks when it starts, while the spec loads and the files are emitted, and uses the
 * answer only where writing cannot have changed it: the folder holds the same `.ts` files, and
 * either none of them was in the program (nothing outside the folder changed, so nothing reaches
 * them now) or each was a root of it (`include` or `files` names paths, not contents). Any other
 * case asks again after writing, as a generation does.
 */
import { resolve } from "node:path";
import {
  type Covering,
  coveringConfig,
  folderFiles,
  nearestConfig,
  tsc,
} from "../verify/typecheck.js";

export interface EarlyCovering {
  covering: Covering;
  /** Stops the listing when nothing will ask for it (the update failed or wrote nothing). */
  cancel(): void;
}

// How `tsc --explainFiles` says a file is a root of the program.
const ROOT_REASON = /^(Matched by (default )?include pattern|Part of 'files' list)/;

export function startCovering(dir: string): EarlyCovering {
  const config = nearestConfig(dir);
  // a process group is how the listing (a Node wrapper around the native tsc) is stopped as a whole
  if (!config || process.platform === "win32") return { covering: coveringConfig, cancel() {} };
  const before = folderFiles(dir);
  const cwd = process.cwd();
  const listing = tsc(["-p", config, "--listFilesOnly", "--explainFiles"], cwd, true);
  let settled = false;
  const answer = listing.then((listed) => {
    settled = true;
    return listed.exitCode === undefined ? undefined : reasonsByFile(listed.all ?? "", cwd);
  });
  const cancel = () => {
    if (settled || listing.pid === undefined) return;
    settled = true;
    try {
      process.kill(-listing.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  return {
    cancel,
    covering: async (at, files) => {
      const same = files.length > 0 && files.join("\n") === before.join("\n");
      if (!same) {
        cancel();
        return coveringConfig(at, files);
      }
      const reasons = await answer;
      if (reasons) {
        if (files.every((f) => !reasons.has(f))) return undefined;
        const isRoot = (f: string) => (reasons.get(f) ?? []).some((r) => ROOT_REASON.test(r));
        if (files.every(isRoot)) return config;
      }
      return coveringConfig(at, files);
    },
  };
}

/** `tsc --explainFiles` output: each listed file (relative to `cwd`) with its indented reasons. */
function reasonsByFile(output: string, cwd: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let reasons: string[] = [];
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    if (/^\s/.test(line)) reasons.push(line.trim());
    else {
      reasons = [];
      out.set(resolve(cwd, line.trim()), reasons);
    }
  }
  return out;
}
