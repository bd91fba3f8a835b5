/**
 * The pre-commit framework's `repo:` form, for real: a `.pre-commit-config.yaml` naming a clone of
 * this repository with `rev:` a tag, and another with `rev:` a commit sha. pre-commit installs the
 * hook as it would from GitHub (`npm install` in the clone, `npm pack`, `npm install -g`), then runs
 * it over a repository holding an integration: it passes on the clean integration and fails on a
 * hand-edited generated file. (`pre-commit try-repo` does the same from a throwaway store, so each
 * of its runs installs again; `pre-commit run` keeps the store, and the second run reuses it.)
 *
 * The clone is a snapshot of the working tree (tracked and new files, as `git ls-files` lists
 * them), committed and tagged, so the test judges the code as it is now. `.ci/run` installs
 * pre-commit from Debian; without it, this file is skipped with a warning, except in CI.
 */
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, it, type TestContext } from "vitest";
import { repoRoot, userEnv } from "./packed.js";

function hasPreCommit(): boolean {
  try {
    execFileSync("pre-commit", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const available = hasPreCommit();
if (!available && process.env.CI) {
  throw new Error("pre-commit is not installed, and CI must run this test: .ci/run installs it");
}
if (!available) {
  console.warn(
    "\n⚠️  SKIPPED test/package/pre-commit.test.ts: `pre-commit` is not on PATH. Install it (apt-get install -y pre-commit) to run the pre-commit framework test; CI always runs it.\n",
  );
}

const root = mkdtempSync(join(tmpdir(), "capkit-pre-commit-"));
const clone = join(root, "capkit");
const version = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version as string;
const tag = `v${version}`;
let sha = "";

const env = userEnv();

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();

/** A user's repository with one committed integration, guarded by the hook at `rev`. */
async function userRepo(name: string, rev: string): Promise<string> {
  const dir = join(root, name);
  mkdirSync(dir);
  git(dir, "init", "-q");
  const generated = await execa(
    process.execPath,
    [join(repoRoot, "bin/capkit.js"), "generate", "--yes", "--no-verify", "--name", "acme"],
    { cwd: dir, env, extendEnv: false, reject: false, all: true },
  );
  if (generated.exitCode !== 0) throw new Error(generated.all);
  writeFileSync(
    join(dir, ".pre-commit-config.yaml"),
    `repos:\n  - repo: ${clone}\n    rev: ${rev}\n    hooks:\n      - id: capkit-lint\n`,
  );
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "acme integration");
  return dir;
}

/** `pre-commit run --all-files`; each repository has its own store, so two installs run at once. */
const preCommit = (dir: string) =>
  execa("pre-commit", ["run", "--all-files", "--verbose"], {
    cwd: dir,
    env: { ...env, PRE_COMMIT_HOME: join(dir, "..", `${dir.split("/").pop()}-store`) },
    extendEnv: false,
    reject: false,
    all: true,
    timeout: 900_000,
  });

beforeAll(async () => {
  if (!available) return;
  // the working tree as a repository of its own, committed and tagged
  const files = git(repoRoot, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    try {
      cpSync(join(repoRoot, file), join(clone, file));
    } catch {
      // listed but deleted in the working tree
    }
  }
  git(clone, "init", "-q");
  git(clone, "add", "-A");
  git(clone, "commit", "-q", "-m", "capkit snapshot");
  git(clone, "tag", tag);
  sha = git(clone, "rev-parse", "HEAD");
}, 120_000);

// two node environments and clones: removing them takes a while on a busy disk
afterAll(() => rm(root, { recursive: true, force: true }), 300_000);

/** Set up with the hook at `rev`: passes on the clean integration, fails on a hand-edited one. */
const guardsCommits =
  (form: string, rev: () => string) =>
  async ({ expect }: TestContext): Promise<void> => {
    const dir = await userRepo(`user-${form}`, rev());
    const clean = await preCommit(dir);
    expect(clean.exitCode, clean.all).toBe(0);
    expect(clean.all).toMatch(/capkit lint \(integration files\)\.+Passed/);
    // it really linted the integration: every .ts file of it was handed to the hook
    expect(clean.all).toContain("✔ no problems in 6 files");

    appendFileSync(join(dir, "integrations/acme/acme_client.ts"), "// a hand edit\n");
    git(dir, "add", "-A");
    const edited = await preCommit(dir);
    expect(edited.exitCode).toBe(1);
    expect(edited.all).toMatch(/capkit lint \(integration files\)\.+Failed/);
    expect(edited.all).toContain("acme_client.ts was edited by hand");
    expect(edited.all).toContain("generated-untouched");
  };

describe.skipIf(!available)("pre-commit framework: the capkit-lint hook", () => {
  // the two installs run at once: they wait on npm far more than on the CPU
  it.concurrent(
    "installs from a tag, passes on a clean integration and fails on a hand-edited generated file",
    guardsCommits("tag", () => tag),
    900_000,
  );
  it.concurrent(
    "installs from a commit, passes on a clean integration and fails on a hand-edited generated file",
    guardsCommits("commit", () => sha),
    900_000,
  );
});
