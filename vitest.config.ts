import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "examples/**/*.test.ts"],
    exclude: ["**/node_modules/**", "test/.tmp/**", "test/fixtures/**", "dist/**"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
