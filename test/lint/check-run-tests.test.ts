// `capkit check --run-tests` runs the folder's real type-check (TypeScript 7 tsc) and its vitest tests.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";

const repo = new URL("../../", import.meta.url).pathname;
const bin = join(repo, "bin/capkit.js");
const root = mkdtempSync(join(tmpdir(), "capkit-check-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("capkit check --run-tests", () => {
  it("reports a type error as ❌ and passing tests as ✅, from real tsc and vitest runs", async () => {
    symlinkSync(join(repo, "node_modules"), join(root, "node_modules"));
    mkdirSync(join(root, "demo"));
    writeFileSync(join(root, "demo/demo.ts"), 'export const answer: number = "forty-two";\n');
    writeFileSync(
      join(root, "demo/demo.test.ts"),
      'import { expect, it } from "vitest";\n\nit("adds", () => {\n  expect(1 + 1).toBe(2);\n});\n',
    );
    const result = await execa("node", [bin, "check", "demo", "--run-tests", "--json"], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "" },
      reject: false,
    });
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      tests: { typecheck: { ok: boolean; tail: string }; tests: { ok: boolean; tail: string } };
    };
    expect(report.tests.typecheck.ok).toBe(false);
    expect(report.tests.typecheck.tail).toContain("TS2322");
    expect(report.tests.tests.ok).toBe(true);
    expect(report.ok).toBe(false);
    expect(result.exitCode).toBe(1);
    // caches go to the temp folder: nothing is left beside the checked files
    expect(readdirSync(join(root, "demo")).sort()).toEqual(["demo.test.ts", "demo.ts"]);
  }, 60_000);
});
