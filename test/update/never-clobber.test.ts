/**
 * `capkit generate --force` over an integration: generated files rewritten, hand-owned files only
 * when they are still what capkit wrote; `--write-conflicts` puts the new generation beside the
 * others; the merge bases in `.capkit/` follow what was written, and no tool takes them for code.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sha256 } from "../../src/emit/manifest.js";
import { runCapkit } from "../helpers/capkit-cli.js";
import { scratchDir } from "../helpers/scratch.js";
import { copyFixture, generateScanhub } from "./helpers.js";

const generate = (cwd: string, ...extra: string[]) =>
  generateScanhub(cwd, { operations: ["listHosts", "listFindings"], extra });

describe("never clobber", () => {
  it("--force keeps a hand-owned file you changed, replaces one you did not, and --write-conflicts writes beside", {
    timeout: 120_000,
  }, async () => {
    const root = scratchDir("update-never-clobber");
    copyFixture("scanhub-v1.yaml", join(root, "spec/scanhub.yaml"));
    expect((await generate(root)).exitCode).toBe(0);
    const dir = join(root, "scanhub");
    const read = (file: string) => readFileSync(join(dir, file), "utf8");
    const mine = `${read("scanhub_transform.ts")}// my mapping notes\n`;
    writeFileSync(join(dir, "scanhub_transform.ts"), mine);
    const oldBase = read(".capkit/base/scanhub_transform.ts.base");
    expect(read(".capkit/base/scanhub.ts.base")).toBe(read("scanhub.ts"));

    // a new version of the spec changes the header of every hand-owned file
    copyFixture("scanhub-v2.yaml", join(root, "spec/scanhub.yaml"));
    const forced = await generate(root, "--force", "--write-conflicts");
    expect(forced.exitCode, forced.all).toBe(0);
    expect(forced.stdout).toMatch(/scanhub_transform\.ts\s+\d+ lines\s+kept/);
    expect(read("scanhub_transform.ts")).toBe(mine);
    expect(read("scanhub.ts")).toContain("ScanHub Vulnerability API 3.0.0");
    expect(read("scanhub_transform.ts.capkit-new")).toContain("fqdn");
    // the kept file still derives from the old base; the replaced one from the new
    expect(read(".capkit/base/scanhub_transform.ts.base")).toBe(oldBase);
    expect(read(".capkit/base/scanhub.ts.base")).toBe(read("scanhub.ts"));
    const manifest = JSON.parse(read(".capkit.json"));
    expect(manifest.files["scanhub_transform.ts"].sha256).toBe(sha256(oldBase));
    expect(manifest.files["scanhub.ts"].sha256).toBe(sha256(read("scanhub.ts")));

    // without --write-conflicts, nothing is written beside
    rmSync(join(dir, "scanhub_transform.ts.capkit-new"));
    expect((await generate(root, "--force")).exitCode).toBe(0);
    expect(existsSync(join(dir, "scanhub_transform.ts.capkit-new"))).toBe(false);
    expect(read("scanhub_transform.ts")).toBe(mine);
  });
});

describe("the manifest folder is not code", () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });
  // no git state inherited from an outer hook
  const git = (cwd: string, ...args: string[]) => {
    const clean = { ...process.env };
    for (const key of ["GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"]) delete clean[key];
    return execFileSync("git", args, { cwd, env: clean }).toString();
  };

  it("capkit lint, in the working tree and --staged, never reads .capkit/", {
    timeout: 120_000,
  }, async () => {
    const root = mkdtempSync(join(tmpdir(), "capkit-store-"));
    roots.push(root);
    git(root, "init", "-q", "-b", "main");
    copyFixture("scanhub-v1.yaml", join(root, "spec/scanhub.yaml"));
    const generated = await runCapkit(
      ["generate", "--spec", "spec/scanhub.yaml", "--name", "scanhub", "--no-verify"],
      { cwd: root },
    );
    expect(generated.exitCode, generated.all).toBe(0);
    expect(existsSync(join(root, "integrations/scanhub/.capkit/base/scanhub.ts.base"))).toBe(true);
    git(root, "add", "-A");
    expect(git(root, "diff", "--cached", "--name-only")).toContain(".capkit/base/scanhub.ts.base");
    for (const args of [
      ["lint", "--format", "json"],
      ["lint", "--staged", "--format", "json"],
    ]) {
      const result = await runCapkit(args, { cwd: root });
      const files = JSON.parse(result.stdout || "[]") as {
        filePath: string;
        messages: { ruleId: string; message: string }[];
      }[];
      expect(
        files.map((f) => f.filePath).some((p) => p.includes(".capkit/")),
        args.join(" "),
      ).toBe(false);
      expect(files.flatMap((f) => f.messages).filter((m) => m.ruleId === "file-layout")).toEqual(
        [],
      );
      expect(files.map((f) => f.filePath).some((p) => p.endsWith("scanhub.ts"))).toBe(true);
    }
  });
});
