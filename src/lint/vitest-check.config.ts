// Config for `capkit check --run-tests`: the integration folder's own tests, whatever include globs
// the surrounding repository's vitest config has (vitest looks for a config in parent folders too).
export default {
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
  },
};
