import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../.tmp/", import.meta.url).pathname;

/** A fresh folder inside the repo (so `@capkit/runtime`, vitest and msw resolve), removed first. */
export function scratchDir(name: string): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const fixtureSpec = (name: string) =>
  new URL(`../fixtures/specs/${name}`, import.meta.url).pathname;
export const exampleSpec = new URL("../../examples/specs/vulnscan.yaml", import.meta.url).pathname;

/** The files of an integration generated from the bundled example, sorted as `readdirSync` lists them. */
export const exampleFiles = (name: string) => [
  ".capkit",
  ".capkit.json",
  `${name}.test.ts`,
  `${name}.ts`,
  `${name}_client.ts`,
  `${name}_samples.ts`,
  `${name}_transform.ts`,
  `${name}_types.ts`,
];
