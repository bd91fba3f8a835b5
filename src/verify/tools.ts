/** Where the verification tools live: TypeScript 7's tsc comes with capkit, vitest from the project. */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const own = createRequire(import.meta.url);

export function tscBin(): string {
  return join(dirname(own.resolve("typescript7/package.json")), "bin", "tsc");
}

/** vitest as the project that will own the integration resolves it, else capkit's own. */
export function vitestBin(fromDir: string): string | undefined {
  for (const req of [createRequire(join(fromDir, "noop.js")), own]) {
    try {
      return join(dirname(req.resolve("vitest/package.json")), "vitest.mjs");
    } catch {
      // not installed there
    }
  }
  return undefined;
}

export function resolvable(fromDir: string, name: string): boolean {
  try {
    createRequire(join(fromDir, "noop.js")).resolve(name);
    return true;
  } catch {
    return false;
  }
}

export { packageFile } from "../shared/package-file.js";
