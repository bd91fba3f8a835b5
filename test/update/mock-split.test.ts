/**
 * An integration generated before the mock split (one 358-line `_mock.ts`, Azure's
 * sql-longTermRetention) taken through `capkit update`: the mock becomes two files, both written,
 * both in the manifest, and the integration still compiles and passes its plumbing tests.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitIntegration } from "../../src/emit/index.js";
import { formatFiles } from "../../src/generate/format.js";
import { buildModel } from "../../src/model/index.js";
import { loadSpec } from "../../src/openapi/index.js";
import { runCapkit } from "../helpers/capkit-cli.js";
import { fixtureSpec, scratchDir } from "../helpers/scratch.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

interface Manifest {
  files: Record<string, { owner: string; sha256: string; lines: number }>;
}

/** The folder as capkit wrote it before the split: the single mock, and a manifest naming it. */
async function unsplit(dir: string, spec: string): Promise<string> {
  const model = buildModel(await loadSpec(spec), { name: "ltr" });
  // a budget this large packs nothing apart: the mock as one file, as capkit wrote it before
  const files = await emitIntegration(model, { format: formatFiles, lineBudget: 1000 });
  const mock = files.find((f) => f.path === "ltr_mock.ts")!.content;
  const manifestPath = join(dir, ".capkit.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  for (const path of Object.keys(manifest.files).filter((p) => p.startsWith("ltr_mock_"))) {
    rmSync(join(dir, path));
    delete manifest.files[path];
  }
  writeFileSync(join(dir, "ltr_mock.ts"), mock);
  manifest.files["ltr_mock.ts"] = {
    owner: "generated",
    sha256: sha256(mock),
    lines: mock.split("\n").length - 1,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return mock;
}

describe("capkit update > a mock generated as one file", { timeout: 240_000 }, () => {
  it("writes the mock as two files, lists both in the manifest, and verifies", async () => {
    const root = scratchDir("update-mock-split");
    mkdirSync(join(root, "spec"));
    copyFileSync(fixtureSpec("azure-sql-long-term-retention.json"), join(root, "spec/ltr.json"));
    const generated = await runCapkit(
      ["generate", "--spec", "spec/ltr.json", "--name", "ltr", "--out", "ltr", "--no-verify"],
      { cwd: root },
    );
    expect(generated.exitCode, generated.all).toBe(0);
    const dir = join(root, "ltr");
    const split = readFileSync(join(dir, "ltr_mock.ts"), "utf8");
    const part = "ltr_mock_longtermretentionbackups.ts";
    const partText = readFileSync(join(dir, part), "utf8");

    const old = await unsplit(dir, join(root, "spec/ltr.json"));
    expect(old.split("\n").length).toBeGreaterThan(350);
    expect(existsSync(join(dir, part))).toBe(false);

    const updated = await runCapkit(["update", "ltr", "--json"], { cwd: root });
    expect(updated.exitCode, updated.all).toBe(0);
    const report = JSON.parse(updated.stdout) as {
      verification?: { build_success?: boolean; tests_passed?: number; tests_unexpected?: [] };
    };
    expect(report.verification, updated.stdout).toMatchObject({
      build_success: true,
      tests_passed: 16,
      tests_unexpected: [],
    });

    expect(readFileSync(join(dir, "ltr_mock.ts"), "utf8")).toBe(split);
    expect(readFileSync(join(dir, part), "utf8")).toBe(partText);
    const manifest = JSON.parse(readFileSync(join(dir, ".capkit.json"), "utf8")) as Manifest;
    expect(manifest.files[part]).toMatchObject({ owner: "generated", sha256: sha256(partText) });
    expect(manifest.files["ltr_mock.ts"]?.sha256).toBe(sha256(split));
    // and `capkit lint` knows the part as generated and untouched
    const lint = await runCapkit(["lint", "ltr"], { cwd: root });
    expect(lint.exitCode, lint.all).toBe(0);
  });
});
