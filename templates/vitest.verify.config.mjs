// Used by `capkit generate` and `capkit update` to run one integration's tests, whatever the host
// repo's config says; nothing is written in the integration. The module cache keeps each file's
// transform under a hash of its content (and of this config, Vite and Vitest; Vitest clears it
// when the lockfile changes): an update re-verifies an integration whose files are mostly as the
// last verification left them, and transforms only the changed ones again.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The project's `node_modules/.cache` (where tools keep caches), else one in the temp folder. */
function moduleCache() {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) {
      return join(dir, "node_modules", ".cache", "capkit", "vitest-modules");
    }
    if (dirname(dir) === dir) break;
  }
  // one per project: Vitest clears a cache whose lockfile changed, so projects must not share one
  const project = createHash("sha256").update(process.cwd()).digest("hex").slice(0, 16);
  return join(tmpdir(), "capkit-vitest-modules", project);
}

export default {
  cacheDir: join(tmpdir(), "capkit-vitest-cache"),
  test: {
    include: ["*.test.ts"],
    testTimeout: 20000,
    experimental: { fsModuleCache: true, fsModuleCachePath: moduleCache() },
  },
};
