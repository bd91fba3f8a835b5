/**
 * The test file splits when it would pass the line budget: with GitHub's ten operations of the
 * benchmark, `github.test.ts` made 430 lines and `capkit lint` refused capkit's own output. The
 * invoke tests (and checkAffiliation's) then go to `_invoke.test.ts`: every file of the
 * integration, hand-owned ones included, stays under the lint's warning, the two files hold the
 * same tests as the one file would, and the whole integration compiles, lints clean and runs
 * (plumbing green, the rest RED). An integration keeps the layout it has (update, --force).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WANTED } from "../../bench/github-description.js";
import { typecheckAll } from "../../src/corpus/batch-checks.js";
import type { EmittedFile } from "../../src/emit/context.js";
import { emitHandOnly, emitIntegration } from "../../src/emit/index.js";
import { recordedTestLayout } from "../../src/emit/names.js";
import { formatFiles } from "../../src/generate/format.js";
import { lint } from "../../src/lint/index.js";
import { buildModel } from "../../src/model/index.js";
import { loadSpec } from "../../src/openapi/index.js";
import { runTests } from "../../src/verify/run-tests.js";
import { fixtureSpec, scratchDir } from "../helpers/scratch.js";

// the benchmark's selection, all of which the fixture copy of GitHub's description has
const OPERATIONS = WANTED;

/** The `it(…)` titles of a test file, in order. */
const titles = (text: string) =>
  [...text.matchAll(/^\s*it\(\s*((?:"[^"]*"|`[^`]*`))/gm)].map((m) => m[1] ?? "");

const byPath = (files: EmittedFile[], path: string) => files.find((f) => f.path === path)?.content;

describe("the test file splits at the line budget", { timeout: 240_000 }, () => {
  it("github, 10 operations: invoke tests apart, every file under 350 lines, lint-clean, compiling, run", async () => {
    const model = buildModel(await loadSpec(fixtureSpec("github.json")), {
      name: "github",
      operations: OPERATIONS,
    });
    const files = await emitIntegration(model, { format: formatFiles });
    const test = byPath(files, "github.test.ts") ?? "";
    const invoke = byPath(files, "github_invoke.test.ts") ?? "";
    expect(invoke).not.toBe("");
    const long = files
      .filter((f) => f.path.endsWith(".ts"))
      .map((f) => ({ path: f.path, lines: f.content.split("\n").length }))
      .filter((f) => f.lines >= 350);
    expect(long).toEqual([]);

    // the same tests as one file would hold, each in one place only
    const single = await emitHandOnly(model, { format: formatFiles, testLayout: "single" });
    const one = byPath(single, "github.test.ts") ?? "";
    expect(byPath(single, "github_invoke.test.ts")).toBeUndefined();
    expect([...titles(test), ...titles(invoke)].sort()).toEqual(titles(one).sort());
    expect(titles(test).length).toBeGreaterThan(5);
    expect(titles(invoke).length).toBe(OPERATIONS.length + 1);
    // the manifest lists it as hand-owned, so an update keeps the layout
    const manifest = JSON.parse(byPath(files, ".capkit.json") ?? "{}") as {
      files: Record<string, { owner: string }>;
    };
    expect(manifest.files["github_invoke.test.ts"]?.owner).toBe("hand");
    expect(recordedTestLayout(manifest.files, model)).toBe("split");

    const root = scratchDir("test-split");
    const dir = join(root, "github");
    scratchDir("test-split/github");
    for (const file of files) writeFileSync(join(dir, file.path), file.content);
    expect((await typecheckAll(root, ["github"])).get("github") ?? []).toEqual([]);
    const findings = (await lint({ cwd: dir, paths: ["."] })).diagnostics.map(
      (d) => `${d.file}:${d.line} ${d.ruleId}: ${d.message}`,
    );
    expect(findings).toEqual([]);
    const run = await runTests(dir, process.cwd());
    expect(run.unexpected).toEqual([]);
    expect(run.passed).toBeGreaterThan(10);
    // every invoke test and the affiliation test are RED, as in one file
    expect(run.red).toBeGreaterThanOrEqual(titles(invoke).length);
  });

  it("a small integration keeps one test file", async () => {
    const model = buildModel(await loadSpec(fixtureSpec("scanhub-swagger2.yaml")), {
      name: "scanhub",
    });
    const hand = await emitHandOnly(model);
    expect(hand.map((f) => f.path).filter((p) => p.endsWith(".test.ts"))).toEqual([
      "scanhub.test.ts",
      "scanhub_transform.test.ts",
    ]);
    const split = await emitHandOnly(model, { testLayout: "split" });
    expect(split.map((f) => f.path)).toContain("scanhub_invoke.test.ts");
  });

  it("the layout an integration has is read from its manifest, by the file's whole name", () => {
    const hand = { owner: "hand" };
    const a = { fileBase: "a" };
    expect(recordedTestLayout({ "a.test.ts": hand }, a)).toBe("single");
    expect(recordedTestLayout({ "a.test.ts": hand, "a_invoke.test.ts": hand }, a)).toBe("split");
    expect(recordedTestLayout({ "a_invoke.test.ts": { owner: "generated" } }, a)).toBe("single");
    // `acme-invoke`'s own test file is acme_invoke.test.ts: one file, not the split layout
    const named = { fileBase: "acme_invoke" };
    expect(recordedTestLayout({ "acme_invoke.test.ts": hand }, named)).toBe("single");
    expect(recordedTestLayout({ "acme_invoke_invoke.test.ts": hand }, named)).toBe("split");
  });
});
