/**
 * capkit in someone else's repository, end to end: both packages packed as npm would publish them,
 * checked for package hygiene, then installed into a fresh git repository exactly as the README's
 * "Add capkit to your repository" says (the tarballs standing in for the registry names), and used:
 * `plop integration` with bypass answers, `capkit generate --yes`, the user's own `tsc --noEmit` with
 * the tsconfig `tsc --init` writes, the user's vitest, `capkit lint`, and a commit guarded by husky +
 * lint-staged that refuses a hand-edited generated file. One pack and one install, shared.
 */
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "../../src/verify/run-tests.js";
import { exampleFiles } from "../helpers/scratch.js";
import { attwProblems, brokenLinks, entryMismatch, publintMessages } from "./hygiene.js";
import { installedSize, type Packed, packBoth, repoRoot, userEnv } from "./packed.js";

const README = readFileSync(join(repoRoot, "README.md"), "utf8");

/** The fenced blocks of a README section, in order: `{ lang, body }`. */
function blocks(heading: string): { lang: string; body: string }[] {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const end = README.indexOf("\n## ", start + 1);
  const section = README.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] ?? "",
    body: m[2] ?? "",
  }));
}

/** Shell lines of a block, comments dropped. */
const commands = (body: string) =>
  body
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line && !line.startsWith("#"));

let packed: { capkit: Packed; runtime: Packed; dest: string };
const repo = mkdtempSync(join(tmpdir(), "capkit-user-repo-"));

const env = userEnv();

const sh = (command: string) =>
  execa(command, {
    shell: true,
    cwd: repo,
    env,
    extendEnv: false,
    reject: false,
    all: true,
    timeout: 300_000,
  });

beforeAll(async () => {
  packed = await packBoth();
}, 120_000);

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
  if (packed) await rm(packed.dest, { recursive: true, force: true });
}, 300_000);

describe("package hygiene, on the packed tarballs", () => {
  it("publint finds nothing in either package", async () => {
    expect(await publintMessages(packed.capkit)).toEqual([]);
    expect(await publintMessages(packed.runtime)).toEqual([]);
  });

  it("attw: every entry point resolves with types for node16 (ESM) and bundler", async () => {
    const [capkit, runtime] = await Promise.all([
      attwProblems(packed.capkit),
      attwProblems(packed.runtime),
    ]);
    const modern = (p: { resolutionKind: string }) =>
      p.resolutionKind === "node16-esm" || p.resolutionKind === "bundler";
    expect(capkit.filter(modern)).toEqual([]);
    expect(runtime.filter(modern)).toEqual([]);
    // What remains is what the README explains: ESM-only packages, and no subpaths for node10.
    const explained = (p: { kind: string; entrypoint: string; resolutionKind: string }) =>
      (p.kind === "CJSResolvesToESM" && p.resolutionKind === "node16-cjs") ||
      (p.kind === "NoResolution" && p.resolutionKind === "node10" && p.entrypoint !== ".");
    expect([...capkit, ...runtime].filter((p) => !explained(p))).toEqual([]);
    expect(README).toMatch(/node10[\s\S]{0,300}subpath/);
    expect(README).toMatch(/ESM only/);
  }, 120_000);

  it("main and types agree with exports['.'] in both packages", () => {
    expect(entryMismatch(packed.capkit)).toBeUndefined();
    expect(entryMismatch(packed.runtime)).toBeUndefined();
  });

  it("every relative link in the tarballs' Markdown leads to a file (and heading) inside them", () => {
    expect(packed.capkit.files).toContain("README.md");
    expect(packed.runtime.files).toContain("README.md");
    expect(brokenLinks(packed.capkit)).toEqual([]);
    expect(brokenLinks(packed.runtime)).toEqual([]);
  });
});

describe("a fresh repository, set up as the README says", () => {
  it("installs @capkit/runtime as a dependency and capkit as a devDependency", async () => {
    for (const command of ["git init -q", "npm init -y"])
      expect((await sh(command)).exitCode).toBe(0);
    writeFileSync(join(repo, ".gitignore"), "node_modules\n");
    const [install] = blocks("Add capkit to your repository");
    expect(install?.lang).toBe("sh");
    for (const line of commands(install?.body ?? "")) {
      // the tarballs stand in for the registry names
      const command = line
        .split(/\s+/)
        .map((word) =>
          word === "@capkit/runtime"
            ? packed.runtime.tarball
            : word === "capkit"
              ? packed.capkit.tarball
              : word,
        )
        .join(" ");
      const run = await sh(command);
      expect(run.exitCode, `${command}\n${run.all}`).toBe(0);
    }
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
    expect(pkg.type).toBe("module");
    expect(Object.keys(pkg.dependencies)).toEqual(["@capkit/runtime"]);
    expect(Object.keys(pkg.devDependencies)).toEqual(
      expect.arrayContaining(["capkit", "plop", "vitest", "msw"]),
    );
  }, 300_000);

  it("@capkit/runtime installs at 20 MB or less with its dependencies", () => {
    const runtime = installedSize(repo, "@capkit/runtime");
    const capkit = installedSize(repo, "capkit");
    console.log(
      `installed: @capkit/runtime ${(runtime.bytes / 1e6).toFixed(1)} MB (${runtime.packages.length} packages: ${runtime.packages.join(", ")}); capkit ${(capkit.bytes / 1e6).toFixed(1)} MB (${capkit.packages.length} packages)`,
    );
    expect(runtime.packages).not.toContain("capkit");
    expect(runtime.bytes).toBeLessThanOrEqual(20e6);
  });

  it("npx plop integration, with the README's plopfile and bypass answers, shows each stage and writes a verified integration", async () => {
    const plopfile = blocks("Add capkit to your repository").find((b) => b.lang === "js");
    const name = /^\/\/ (\S+)\n/.exec(plopfile?.body ?? "")?.[1];
    expect(name).toBe("plopfile.js");
    writeFileSync(join(repo, "plopfile.js"), plopfile?.body ?? "");
    const run = await sh(
      [
        "npx plop integration --",
        "--name acme --spec node_modules/capkit/examples/specs/vulnscan.yaml",
        "--operations listHosts,listFindings",
        `--kinds "listHosts=asset, listFindings=risk" --pagination "listHosts=page, listFindings=cursor"`,
        "--auth bearer --validation getCurrentUser --out integrations/acme",
      ].join(" "),
    );
    expect(run.exitCode, run.all).toBe(0);
    expect(run.all).toContain("loaded VulnScan API 2.4.0: 5 operations, 2 selected");
    expect(run.all).toMatch(/wrote 7 files \(\d+ lines\) to integrations\/acme/);
    expect(run.all).toMatch(/build ok \(tsc /);
    expect(run.all).toMatch(/\d+ passed, 2 failing as expected \(RED: NotImplementedError\)/);
    // verifying left nothing beside the files (no node_modules/.vite)
    expect(readdirSync(join(repo, "integrations/acme")).sort()).toEqual(exampleFiles("acme"));
  }, 180_000);

  it("npx capkit generate --yes writes and verifies the bundled example", async () => {
    const run = await sh("npx capkit generate --yes");
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout).toMatch(/build ok \(tsc /);
    expect(run.stdout).toMatch(/2 failing as expected \(RED/);
    expect(existsSync(join(repo, "integrations/vulnscan/vulnscan_client.ts"))).toBe(true);
  }, 180_000);

  it("the integrations' tests run with the user's own vitest: plumbing green, transforms RED", async () => {
    const report = join(packed.dest, "vitest.json");
    await sh(`npx vitest run integrations --reporter=json --outputFile=${report}`);
    const result = classify(JSON.parse(readFileSync(report, "utf8")));
    expect(result.unexpected).toEqual([]);
    expect(result.red).toBe(4);
    expect(result.passed).toBeGreaterThanOrEqual(16);
  }, 180_000);

  it("capkit lint finds nothing in either integration", async () => {
    const run = await sh("npx capkit lint");
    expect(run.exitCode, run.all).toBe(0);
  });

  it("a commit guarded by husky + lint-staged as the README sets them up, and refused for a hand-edited generated file", async () => {
    const hook = blocks("Pre-commit");
    const husky = hook.find((b) => b.lang === "sh" && b.body.includes("husky"));
    for (const line of commands(husky?.body ?? "")) {
      const run = await sh(line);
      expect(run.exitCode, `${line}\n${run.all}`).toBe(0);
    }
    expect(existsSync(join(repo, ".lintstagedrc.json"))).toBe(true);
    const commit = await sh('git add -A && git commit -q -m "acme and vulnscan integrations"');
    expect(commit.exitCode, commit.all).toBe(0);
    expect((await sh("git ls-files integrations/acme")).stdout).toContain(
      "integrations/acme/acme_client.ts",
    );

    appendFileSync(join(repo, "integrations/acme/acme_client.ts"), "// a hand edit\n");
    const refused = await sh('git add -A && git commit -q -m "edit a generated file"');
    expect(refused.exitCode).not.toBe(0);
    expect(refused.all).toContain("generated-untouched");
    expect((await sh("git log --oneline")).stdout.trim().split("\n")).toHaveLength(1);
  }, 180_000);

  it("the user's tsc --noEmit, with the tsconfig.json tsc --init writes, compiles everything", async () => {
    expect((await sh("npx tsc --init")).exitCode).toBe(0);
    const run = await sh("npx tsc --noEmit");
    expect(run.all).toBe("");
    expect(run.exitCode).toBe(0);
  }, 120_000);
});
