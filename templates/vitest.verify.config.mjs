// Used by `capkit generate` and `capkit update` to run one integration's tests, whatever the host
// repo's config says; nothing is written in the integration. The module cache keeps each file's
// transform under a hash of its content (and of this config, Vite and Vitest; Vitest clears it
// when the lockfile changes): an update re-verifies an integration whose files are mostly as the
// last verification left them, and transforms only the changed ones again.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

// The integration folder (run-tests.ts says which): its project owns the cache.
const folder = resolve(process.env.CAPKIT_VERIFY_DIR ?? process.cwd());
const hash = (text) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/**
 * The project's `node_modules/.cache` (where tools keep caches), else a folder of the temp
 * directory for this project: Vitest clears a cache whose lockfile differs, so projects must not
 * share one.
 */
function projectCache() {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) {
      return join(dir, "node_modules", ".cache", "capkit", "vitest-modules");
    }
    if (dirname(dir) === dir) return join(tmpdir(), "capkit-vitest-modules", hash(folder));
  }
}

/**
 * The text of the tsconfig.json that applies to the folder, with what it extends by path: how
 * TypeScript is turned into JavaScript depends on it (useDefineForClassFields…), and Vitest's own
 * key does not cover it.
 */
function tsconfigText() {
  let at;
  for (let dir = folder; !at; dir = dirname(dir)) {
    if (existsSync(join(dir, "tsconfig.json"))) at = join(dir, "tsconfig.json");
    else if (dirname(dir) === dir) return "";
  }
  let text = "";
  for (let depth = 0; at && depth < 8; depth++) {
    const content = readFileSync(at, "utf8");
    text += content;
    const extended = /"extends"\s*:\s*"(\.{1,2}\/[^"]+)"/.exec(content)?.[1];
    at =
      extended && existsSync(resolve(dirname(at), extended))
        ? resolve(dirname(at), extended)
        : undefined;
  }
  return text;
}

function moduleCache() {
  try {
    return join(projectCache(), hash(tsconfigText()));
  } catch {
    return join(tmpdir(), "capkit-vitest-modules", hash(folder));
  }
}

export default {
  cacheDir: join(tmpdir(), "capkit-vitest-cache"),
  test: {
    include: ["*.test.ts"],
    testTimeout: 20000,
    experimental: { fsModuleCache: true, fsModuleCachePath: moduleCache() },
  },
};
