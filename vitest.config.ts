import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // integrations/ is where the quick start writes: `npx vitest run integrations/<name>` runs one;
    // `npm test` leaves them out (their transform tests are RED by design).
    include: [
      "test/**/*.test.ts",
      "src/**/*.test.ts",
      "examples/**/*.test.ts",
      "integrations/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "test/.tmp/**", "test/fixtures/**", "dist/**"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // CI=true turns colours on in picocolors; tests compare plain text.
    env: { NO_COLOR: "1" },
  },
});
