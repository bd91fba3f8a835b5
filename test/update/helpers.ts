import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { runCapkit } from "../helpers/capkit-cli.js";

export const updateFixture = (name: string) =>
  new URL(`../fixtures/update/${name}`, import.meta.url).pathname;

/** Copies a fixture of test/fixtures/update to `to` (folders created) and returns `to`. */
export function copyFixture(name: string, to: string): string {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(updateFixture(name), to);
  return to;
}

/** Every file under `dir` (dot-folders included) and its bytes: "nothing written" is checked on it. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (here: string) => {
    for (const name of readdirSync(here).sort()) {
      const path = join(here, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return out;
}

/**
 * `capkit generate` (the built bin, no verification) of the ScanHub spec at `root/spec/scanhub.yaml`
 * into `root/<out>`; the spec is copied there first from `fixture` when given.
 */
export function generateScanhub(
  root: string,
  options: { out?: string; operations?: string[]; fixture?: string; extra?: string[] } = {},
) {
  if (options.fixture) copyFixture(options.fixture, join(root, "spec/scanhub.yaml"));
  return runCapkit(
    [
      ...["generate", "--spec", "spec/scanhub.yaml", "--name", "scanhub"],
      ...(options.operations ? ["--operations", options.operations.join(",")] : []),
      ...["--out", options.out ?? "scanhub", "--no-verify", ...(options.extra ?? [])],
    ],
    { cwd: root },
  );
}
