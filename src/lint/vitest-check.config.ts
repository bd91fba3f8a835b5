// Config for `capkit check --run-tests`: the integration folder's own tests, whatever include globs
// the surrounding repository's vitest config has (vitest looks for a config in parent folders too).
// Vite's cache goes to the temp folder: checking leaves nothing (no node_modules/.vite) in the folder.
import { tmpdir } from "node:os";
import { join } from "node:path";

export default {
  cacheDir: join(tmpdir(), "capkit-vitest-cache"),
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
  },
};
