import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "examples/**/*.test.ts"],
    exclude: ["**/node_modules/**", "test/.tmp/**", "test/fixtures/**", "dist/**"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // CI=true turns colours on in picocolors; tests compare plain text.
    env: { NO_COLOR: "1" },
  },
});
