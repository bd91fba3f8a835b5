/**
 * Before any prompt or write: will the integration work where it is going? Generated code imports
 * `@capkit/runtime` and its tests run on vitest and msw, all from the project that holds the output
 * folder. Finding one missing after every answer was given and every file written is the worst
 * moment to learn it, so the check runs first and names the exact install command.
 */
import { existsSync } from "node:fs";
import { dirname, join, parse, resolve } from "node:path";
import { CapkitError } from "../errors.js";

/** What the generated files import, and from where: run time, or only their tests. */
export const NEEDED = {
  runtime: ["@capkit/runtime"],
  dev: ["vitest", "msw"],
} as const;

export interface ProjectCheck {
  /** The folder with the nearest package.json, or undefined outside any Node project. */
  root: string | undefined;
  missing: { runtime: string[]; dev: string[] };
}

/** The folder itself when it exists, else its nearest existing ancestor: where resolution starts. */
function existingAncestor(dir: string): string {
  let at = resolve(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}

function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let at = existingAncestor(dir); ; at = dirname(at)) {
    out.push(at);
    if (at === parse(at).root) return out;
  }
}

/** Node's lookup for a bare import: `node_modules/<name>` in the folder or any folder above it. */
export function installedFrom(dir: string, name: string): boolean {
  return ancestors(dir).some((at) => existsSync(join(at, "node_modules", name, "package.json")));
}

export function checkProject(outDir: string): ProjectCheck {
  const root = ancestors(outDir).find((at) => existsSync(join(at, "package.json")));
  const absent = (names: readonly string[]) => names.filter((n) => !installedFrom(outDir, n));
  return { root, missing: { runtime: absent(NEEDED.runtime), dev: absent(NEEDED.dev) } };
}

type Manager = "npm" | "pnpm" | "yarn" | "bun";

/** The project's package manager, by its lock file; npm when there is none. */
export function packageManager(root: string | undefined): Manager {
  if (!root) return "npm";
  if (existsSync(join(root, "pnpm-lock.yaml"))) return "pnpm";
  if (existsSync(join(root, "yarn.lock"))) return "yarn";
  if (existsSync(join(root, "bun.lock")) || existsSync(join(root, "bun.lockb"))) return "bun";
  return "npm";
}

const ADD: Record<Manager, { prod: string; dev: string }> = {
  npm: { prod: "npm install", dev: "npm install --save-dev" },
  pnpm: { prod: "pnpm add", dev: "pnpm add --save-dev" },
  yarn: { prod: "yarn add", dev: "yarn add --dev" },
  bun: { prod: "bun add", dev: "bun add --dev" },
};

/** `npm install @capkit/runtime && npm install --save-dev vitest msw`, for what is missing. */
export function installCommand(manager: Manager, missing: ProjectCheck["missing"]): string {
  const steps: string[] = [];
  if (missing.runtime.length > 0) steps.push(`${ADD[manager].prod} ${missing.runtime.join(" ")}`);
  if (missing.dev.length > 0) steps.push(`${ADD[manager].dev} ${missing.dev.join(" ")}`);
  return steps.join(" && ");
}

/**
 * Throws, before anything is asked or written, when the output folder is outside any Node project or
 * its project lacks a package the integration needs; the message holds the command to run.
 */
export function assertProjectReady(
  outDir: string,
  options: { cwd?: string; noVerifyHint?: boolean } = {},
): void {
  const cwd = options.cwd ?? process.cwd();
  const check = checkProject(outDir);
  const shown = displayPath(outDir, cwd);
  if (!check.root) {
    const all = { runtime: [...NEEDED.runtime], dev: [...NEEDED.dev] };
    throw new CapkitError(
      "OUT_NOT_IN_PROJECT",
      `${shown} is not inside a Node project (no package.json in it or any folder above), so the generated code could not import @capkit/runtime nor run its tests. Nothing was written. Generate inside your repository, or make a project here first:\n  npm init -y && npm pkg set type=module && ${installCommand("npm", all)}`,
      { source: shown },
    );
  }
  const missing = [...check.missing.runtime, ...check.missing.dev];
  if (missing.length === 0) return;
  const why = [
    check.missing.runtime.length > 0 && "the generated code imports @capkit/runtime",
    check.missing.dev.length > 0 && `its tests use ${NEEDED.dev.join(" and ")}`,
  ].filter(Boolean);
  throw new CapkitError(
    "PROJECT_MISSING_PACKAGES",
    `${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not installed in ${displayPath(check.root, cwd)} (${why.join("; ")}). Nothing was written. Install ${missing.length > 1 ? "them" : "it"} there first:\n  ${installCommand(packageManager(check.root), check.missing)}${options.noVerifyHint ? "\nor pass --no-verify to write the files without checking them." : ""}`,
    { source: check.root },
  );
}

function displayPath(path: string, cwd: string): string {
  const abs = resolve(cwd, path);
  const rel = abs.startsWith(`${resolve(cwd)}/`) ? abs.slice(resolve(cwd).length + 1) : abs;
  return abs === resolve(cwd) ? "." : rel;
}
