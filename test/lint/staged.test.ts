// --staged against real temporary git repositories: what is linted is the index, never the working tree.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { goodFiles } from "./helpers.js";

const bin = new URL("../../bin/capkit.js", import.meta.url).pathname;
// the hook path: compiled bin, no tsx loader, no inherited git state from an outer hook
const env: Record<string, string | undefined> = {
  ...process.env,
  NODE_OPTIONS: "",
  GIT_DIR: undefined,
  GIT_INDEX_FILE: undefined,
  GIT_WORK_TREE: undefined,
};
const roots: string[] = [];

function makeRepo(): string {
  const root = mkdtempSync(join(tmpdir(), "capkit-staged-"));
  roots.push(root);
  git(root, "init", "-q", "-b", "main");
  git(root, "config", "user.email", "t@example.com");
  git(root, "config", "user.name", "t");
  for (const [path, content] of Object.entries(goodFiles())) write(root, path, content);
  git(root, "add", "-A");
  git(root, "commit", "-qm", "good integration");
  return root;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: env as NodeJS.ProcessEnv }).toString();
}

function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

async function lintStaged(cwd: string, extraEnv: Record<string, string> = {}, args: string[] = []) {
  const result = await execa("node", [bin, "lint", "--staged", "--format", "json", ...args], {
    cwd,
    env: { ...env, ...extraEnv },
    reject: false,
    extendEnv: false,
  });
  const files = JSON.parse(result.stdout || "[]") as {
    filePath: string;
    messages: { ruleId: string; line: number; message: string }[];
  }[];
  const rel = (p: string) => p.slice(p.indexOf("integrations/"));
  return {
    exitCode: result.exitCode,
    stderr: result.stderr,
    linted: files.map((f) => rel(f.filePath)),
    findings: files.flatMap((f) =>
      f.messages.map((m) => `${rel(f.filePath)}:${m.line} ${m.ruleId}`),
    ),
  };
}

const MAIN = "integrations/acme/acme.ts";
const TRANSFORM = "integrations/acme/acme_transform.ts";
const GUARD = "      if (this.filter.asset(asset)) continue;\n";
const good = goodFiles();

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("capkit lint --staged", () => {
  let root: string;
  // a fresh repository per case: no staged state leaks from one case into the next
  beforeEach(() => {
    root = makeRepo();
  });

  it("nothing staged: nothing linted, exit 0", async () => {
    expect(await lintStaged(root)).toMatchObject({ exitCode: 0, linted: [] });
  });

  it("partial staging: a good staged version passes even when the working tree is bad", async () => {
    write(root, MAIN, `${good[MAIN]!}\n// staged change\n`);
    git(root, "add", MAIN);
    write(root, MAIN, good[MAIN]!.replace(GUARD, ""));
    expect(await lintStaged(root)).toMatchObject({ exitCode: 0, linted: [MAIN], findings: [] });
  });

  it("partial staging: a bad staged version fails even when the working tree is good", async () => {
    write(root, MAIN, good[MAIN]!.replace(GUARD, ""));
    git(root, "add", MAIN);
    write(root, MAIN, good[MAIN]!);
    expect(await lintStaged(root)).toMatchObject({
      exitCode: 1,
      findings: [`${MAIN}:43 filter-before-send`],
    });
  });

  it("a staged hand edit to a generated file is caught against the manifest", async () => {
    write(
      root,
      "integrations/acme/acme_client.ts",
      `${good["integrations/acme/acme_client.ts"]!}// tweak\n`,
    );
    git(root, "add", "-A");
    expect((await lintStaged(root)).findings).toEqual([
      "integrations/acme/acme_client.ts:1 generated-untouched",
    ]);
  });

  it("a path with spaces and a non-ASCII name come through verbatim", async () => {
    const odd = "integrations/acme/notes für acme.ts";
    write(root, odd, 'console.log("hi");\n');
    git(root, "add", odd);
    const result = await lintStaged(root);
    expect(result.linted).toEqual([odd]);
    expect(result.findings).toEqual([`${odd}:1 no-secret-logging`]);
  });

  it("rename: the new path is linted and file-layout sees the old name gone from the index", async () => {
    git(root, "mv", "integrations/acme/acme_transform.ts", "integrations/acme/acme_mapping.ts");
    const result = await lintStaged(root);
    // acme.ts appears only because the folder-level finding is reported on it
    expect(result.linted).toEqual([
      "integrations/acme/acme.ts",
      "integrations/acme/acme_mapping.ts",
    ]);
    expect(result.findings).toEqual(["integrations/acme/acme.ts:1 file-layout"]);
  });

  it("deletion: a deleted test file is not linted, and an untracked copy does not satisfy file-layout", async () => {
    git(root, "rm", "-q", "--cached", "integrations/acme/acme.test.ts");
    write(root, MAIN, `${good[MAIN]!}// touch\n`);
    git(root, "add", MAIN);
    const result = await lintStaged(root);
    expect(result.linted).toEqual([MAIN]);
    expect(result.findings).toEqual([`${MAIN}:1 file-layout`]);
  });

  it("respects GIT_INDEX_FILE, as inside a hook run by `git commit <paths>`", async () => {
    const alt = join(root, ".git", "alt-index");
    execFileSync("cp", [join(root, ".git", "index"), alt]);
    write(root, MAIN, good[MAIN]!.replace(GUARD, ""));
    execFileSync("git", ["add", MAIN], {
      cwd: root,
      env: { ...(env as NodeJS.ProcessEnv), GIT_INDEX_FILE: alt },
    });
    write(root, MAIN, good[MAIN]!);
    expect((await lintStaged(root, { GIT_INDEX_FILE: alt })).findings).toEqual([
      `${MAIN}:43 filter-before-send`,
    ]);
    expect((await lintStaged(root)).findings).toEqual([]);
  });

  it("paths passed by lint-staged (absolute) narrow the staged set; run from a subdirectory", async () => {
    write(root, "integrations/acme/acme_helpers.ts", 'console.log("x");\n');
    write(root, MAIN, `${good[MAIN]!}// again\n`);
    git(root, "add", "-A");
    const only = await lintStaged(root, {}, [join(root, MAIN)]);
    expect(only.linted).toEqual([MAIN]);
    const fromSub = await lintStaged(join(root, "integrations"), {}, ["."]);
    expect(fromSub.findings).toEqual(["integrations/acme/acme_helpers.ts:1 no-secret-logging"]);
  });

  it("the first commit of a repository (no HEAD yet)", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "capkit-unborn-"));
    roots.push(fresh);
    git(fresh, "init", "-q");
    for (const [path, content] of Object.entries(good)) write(fresh, path, content);
    write(fresh, "integrations/acme/acme_helpers.ts", 'console.log("x");\n');
    git(fresh, "add", "-A");
    const result = await lintStaged(fresh);
    expect(result.findings).toEqual(["integrations/acme/acme_helpers.ts:1 no-secret-logging"]);
    expect(result.linted).toHaveLength(6);
  });

  it("a hand-written integration in a folder named otherwise: its main file is read from the index", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "capkit-scanner-"));
    roots.push(fresh);
    git(fresh, "init", "-q");
    for (const [path, content] of Object.entries(goodFiles("integrations/scanner"))) {
      if (!path.endsWith(".capkit.json"))
        write(fresh, path, content.replaceAll("@generated", "hand-written"));
    }
    git(fresh, "add", "-A");
    git(fresh, "commit", "-qm", "scanner");
    const transform = "integrations/scanner/acme_transform.ts";
    write(fresh, transform, `${good[TRANSFORM]!}// changed\n`);
    git(fresh, "add", transform);
    // only the transform is staged: the main file is found among the index's other files
    expect(await lintStaged(fresh)).toMatchObject({ exitCode: 0, findings: [] });
    // the main file deleted from the index (it stays in the working tree): a finding, not silence
    git(fresh, "rm", "-q", "--cached", "integrations/scanner/acme.ts");
    const result = await lintStaged(fresh);
    expect(result.exitCode).toBe(1);
    expect(result.findings).toEqual(["integrations/scanner/acme.test.ts:1 file-layout"]);
  });

  it("outside a git repository: exit 2 with one line, no stack", async () => {
    const dir = mkdtempSync(join(tmpdir(), "capkit-nogit-"));
    roots.push(dir);
    const result = await lintStaged(dir, { GIT_CEILING_DIRECTORIES: dirname(dir) });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^capkit: git rev-parse failed/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
