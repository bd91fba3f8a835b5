/**
 * Verification's first question — does the host project's tsconfig cover the integration? — is a
 * `tsc --listFilesOnly` of the whole host program, about a second. An update knows the folder before
 * it writes, so it asks when it starts, while the spec loads and the files are emitted, and uses the
 * answer only where writing cannot have changed it: the folder holds the same `.ts` files, and
 * either none of them was in the program (nothing outside the folder changed, so nothing reaches
 * them now) or each was a root of it (`tsc --showConfig`: `include` and `files` name paths, not
 * contents). Any other case asks again after writing, as a generation does.
 */
import {
  allRoots,
  type Covering,
  coveringConfig,
  folderFiles,
  nearestConfig,
  programFiles,
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

/** ROOTS, else the program's files, or undefined when the listing did not finish. */
type Answer = typeof ROOTS | Set<string> | undefined;

export function startCovering(dir: string): EarlyCovering {
  const config = nearestConfig(dir);
  // a process group is how the listing (a Node wrapper around the native tsc) is stopped as a whole
  if (!config || process.platform === "win32") return { covering: coveringConfig, cancel() {} };
  const before = folderFiles(dir);
  let listing: ReturnType<typeof tsc> | undefined;
  let settled = false;
  // the config's roots first (a tenth of a second): when they name every file, no listing
  const answer = rootsOf(config).then((roots): Answer | Promise<Answer> => {
    if (allRoots(before, roots)) {
      settled = true;
      return ROOTS;
    }
    if (settled) return undefined; // cancelled while the roots were read
    const started = tsc(["-p", config, "--listFilesOnly"], undefined, true);
    listing = started;
    return started.then((listed) => {
      settled = true;
      return listed.exitCode === undefined ? undefined : programFiles(listed.all ?? "");
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
      const listed = await answer;
      // include and files name paths, not contents: roots before writing are roots after it
      if (listed === ROOTS) return config;
      if (listed && files.every((f) => !listed.has(f))) return undefined;
      return coveringConfig(at, files);
    },
  };
}
