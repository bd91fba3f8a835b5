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
  allRoots,
  type Covering,
  coveringConfig,
  folderFiles,
  nearestConfig,
  rootsOf,
  tsc,
} from "../verify/typecheck.js";

export interface EarlyCovering {
  covering: Covering;
  /** Stops the listing when nothing will ask for it (the update failed or wrote nothing). */
  cancel(): void;
}

// Every file of the folder is a root of the config's program.
const ROOTS = "roots";

type Answer = typeof ROOTS | Map<string, string[]> | undefined;

// How `tsc --explainFiles` says a file is a root of the program.
const ROOT_REASON = /^(Matched by (default )?include pattern|Part of 'files' list)/;

export function startCovering(dir: string): EarlyCovering {
  const config = nearestConfig(dir);
  // a process group is how the listing (a Node wrapper around the native tsc) is stopped as a whole
  if (!config || process.platform === "win32") return { covering: coveringConfig, cancel() {} };
  const before = folderFiles(dir);
  const cwd = process.cwd();
  let listing: ReturnType<typeof tsc> | undefined;
  let settled = false;
  // the config's roots first (a tenth of a second): when they name every file, no listing
  const answer = rootsOf(config).then((roots): Answer | Promise<Answer> => {
    if (allRoots(before, roots)) {
      settled = true;
      return ROOTS;
    }
    if (settled) return undefined; // cancelled while the roots were read
    const started = tsc(["-p", config, "--listFilesOnly", "--explainFiles"], cwd, true);
    listing = started;
    return started.then((listed) => {
      settled = true;
      return listed.exitCode === undefined ? undefined : reasonsByFile(listed.all ?? "", cwd);
    });
  });
  const cancel = () => {
    if (settled) return;
    settled = true;
    if (listing?.pid === undefined) return;
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
      // include and files name paths, not contents: roots before writing are roots after it
      if (reasons === ROOTS) return config;
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
