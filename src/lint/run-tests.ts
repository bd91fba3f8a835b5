import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";

export interface StepResult {
  ok: boolean;
  command: string;
  /** The last lines of the output: enough to see why it failed. */
  tail: string;
}

const require = createRequire(import.meta.url);

function tail(text: string, lines = 20): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

async function step(cwd: string, args: string[], label: string): Promise<StepResult> {
  const result = await execa(process.execPath, args, {
    cwd,
    reject: false,
    all: true,
    env: { NODE_OPTIONS: "", NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { ok: result.exitCode === 0, command: label, tail: tail(result.all ?? "") };
}

/** Type-checks the folder with TypeScript 7's native tsc (strict, nodenext), then runs its vitest files. */
export async function runFolderTests(
  cwd: string,
  dir: string,
): Promise<{ typecheck: StepResult; tests: StepResult }> {
  const abs = resolve(cwd, dir);
  const tsc = join(dirname(require.resolve("typescript7/package.json")), "bin", "tsc");
  const files = readdirSync(abs)
    .filter((n) => n.endsWith(".ts"))
    .map((n) => join(abs, n));
  // --ignoreConfig: explicit files and flags, whatever tsconfig.json sits in the working directory
  const flags = [
    "--ignoreConfig",
    "--noEmit",
    "--strict",
    "--noUncheckedIndexedAccess",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--target",
    "es2023",
    "--skipLibCheck",
    "--types",
    "node",
  ];
  const typecheck = await step(
    cwd,
    [tsc, ...flags, ...files],
    `tsc ${flags.join(" ")} ${dir}/*.ts`,
  );
  const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
  // run from the folder, rooted there: the repo's vitest include globs must not hide the integration's
  // tests, and no tests at all is a failure
  const config = fileURLToPath(
    new URL(
      `./vitest-check.config.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`,
      import.meta.url,
    ),
  );
  const tests = await step(
    abs,
    [vitest, "run", "--config", config, "--root", abs],
    `vitest run --root ${dir}`,
  );
  return { typecheck, tests };
}
