/**
 * Type-checks one integration folder with TypeScript 7's native tsc: with the host project's own
 * `tsconfig.json` when one covers the folder (the engineer's rules are the ones that matter), else
 * with the strictest common flags (strict.ts). The result says which configuration it used.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { execa } from "execa";
import { MODULE_MODES, STRICT_FLAGS } from "./strict.js";
import { resolvable, tscBin } from "./tools.js";

export interface TypecheckResult {
  ok: boolean;
  output: string;
  command: string;
  /** The host `tsconfig.json` used, or undefined for the built-in strict flags. */
  config: string | undefined;
}

/** The folder's `.ts` files (not its subfolders'), sorted, as absolute paths. */
export const folderFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => resolve(dir, f));

/** Which host config covers the folder's files (`capkit update` can answer it ahead of time). */
export type Covering = (dir: string, files: string[]) => Promise<string | undefined>;

export const tsc = (args: string[], cwd?: string, detached = false) =>
  execa(process.execPath, [tscBin(), ...args], {
    reject: false,
    env: { NODE_OPTIONS: "" },
    all: true,
    ...(cwd ? { cwd } : {}),
    ...(detached ? { detached } : {}),
  });

/** The nearest `tsconfig.json` at or above the folder. */
export function nearestConfig(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const config = join(at, "tsconfig.json");
    if (existsSync(config)) return config;
    if (dirname(at) === at) return undefined;
  }
}

/**
 * The root files of `config` (its `files` and what `include` matches, less `exclude`), as absolute
 * paths, from `tsc --showConfig`: a tenth of a second, where listing the program parses every file
 * it reaches. Undefined when tsc cannot say.
 */
export async function rootsOf(config: string): Promise<Set<string> | undefined> {
  const shown = await tsc(["-p", config, "--showConfig"]);
  if (shown.exitCode !== 0) return undefined;
  try {
    const { files } = JSON.parse(shown.stdout) as { files?: unknown };
    if (!Array.isArray(files)) return undefined;
    const at = dirname(config);
    return new Set(files.filter((f) => typeof f === "string").map((f) => resolve(at, f)));
  } catch {
    return undefined;
  }
}

/** Whether every one of `files` is a root of the program (so in it, whatever the imports). */
export const allRoots = (files: string[], roots: Set<string> | undefined): boolean =>
  roots !== undefined && files.length > 0 && files.every((f) => roots.has(f));

/** The nearest `tsconfig.json` above the folder whose program includes the folder's files. */
export const coveringConfig: Covering = async (dir, files) => {
  const config = nearestConfig(dir);
  if (!config) return undefined;
  // roots are in the program: when the config names every file, nothing needs to be parsed
  if (allRoots(files, await rootsOf(config))) return config;
  const listed = await tsc(["-p", config, "--listFilesOnly"]);
  const names = programFiles(listed.all ?? "");
  return files.every((f) => names.has(f)) ? config : undefined;
};

/** `tsc --listFilesOnly` output: the program's files, one absolute path a line. */
export const programFiles = (output: string): Set<string> =>
  new Set(output.split("\n").map((l) => l.trim()));

export async function typecheck(dir: string, covering = coveringConfig): Promise<TypecheckResult> {
  const files = folderFiles(dir);
  const config = await covering(dir, files);
  if (config) {
    const result = await tsc(["-p", config, "--noEmit"], dirname(config));
    // the host project's own errors elsewhere are not this integration's; its config errors are
    const inFolder = (line: string) =>
      files.includes(resolve(dirname(config), line.split("(")[0] ?? ""));
    const mine = (result.all ?? "")
      .split("\n")
      .filter((line) => /^error TS/.test(line.trim()) || inFolder(line));
    return {
      ok: mine.length === 0,
      output: mine.join("\n"),
      command: `tsc -p ${config} --noEmit`,
      config,
    };
  }
  const types = resolvable(dir, "@types/node/package.json") ? ["--types", "node"] : ["--types", ""];
  const result = await tsc([...STRICT_FLAGS, ...MODULE_MODES.nodenext, ...types, ...files]);
  return {
    ok: result.exitCode === 0,
    output: (result.all ?? "").trim(),
    command: `tsc --noEmit --strict --exactOptionalPropertyTypes … ${dir}/*.ts (no tsconfig.json covers it)`,
    config: undefined,
  };
}
