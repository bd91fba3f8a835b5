// Used by `capkit generate` and `capkit update` to run one integration's tests, whatever the host
// repo's config says. Vite's caches go to the temp folder, so verifying leaves nothing in the
// integration. The module cache keeps each file's transform under a hash of its content (and of
// this config, Vite and Vitest, the lockfile): an update re-verifies an integration whose files are
// mostly as the last verification left them, and only the changed ones are transformed again.
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";

// one cache per project: Vitest clears a cache whose lockfile changed, so projects do not share one
const project = createHash("sha256").update(process.cwd()).digest("hex").slice(0, 16);

export default {
  cacheDir: join(tmpdir(), "capkit-vitest-cache"),
  test: {
    include: ["*.test.ts"],
    testTimeout: 20000,
    experimental: {
      fsModuleCache: true,
      fsModuleCachePath: join(tmpdir(), "capkit-vitest-modules", project),
    },
  },
};
