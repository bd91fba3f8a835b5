import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { expect } from "vitest";
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

/** A fresh copy of the folder `from` (dot-folders included) at `to`; returns `to`. */
export function copyTree(from: string, to: string): string {
  rmSync(to, { recursive: true, force: true });
  for (const [path, text] of Object.entries(snapshotTree(from))) {
    mkdirSync(dirname(join(to, path)), { recursive: true });
    writeFileSync(join(to, path), text);
  }
  mkdirSync(to, { recursive: true });
  return to;
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

/** Lines the engineer wrote (in `mine`, not in `generated`), in order and unchanged in `updated`. */
export function handWrittenKept(generated: string, mine: string, updated: string): string[] {
  const lines = updated.split("\n");
  const ours = mine.split("\n").filter((l) => !generated.split("\n").includes(l));
  const missing: string[] = [];
  let at = 0;
  for (const line of ours) {
    const found = lines.indexOf(line, at);
    if (found === -1) missing.push(line);
    else at = found + 1;
  }
  expect(ours.length).toBeGreaterThan(0);
  return missing;
}
