// Used by `capkit generate` to run one new integration's tests, whatever the host repo's config
// says. Vite's cache goes to the temp folder, so verifying leaves nothing in the integration.
import { tmpdir } from "node:os";
import { join } from "node:path";

export default {
  cacheDir: join(tmpdir(), "capkit-vitest-cache"),
  test: {
    include: ["*.test.ts"],
    testTimeout: 20000,
  },
};
