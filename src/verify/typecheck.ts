/** Type-checks one integration folder with TypeScript 7's native tsc, as strictly as this repo. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { resolvable, tscBin } from "./tools.js";

export interface TypecheckResult {
  ok: boolean;
  output: string;
  command: string;
}

export const TSC_FLAGS = [
  "--noEmit",
  "--strict",
  "--noUncheckedIndexedAccess",
  "--noImplicitOverride",
  "--verbatimModuleSyntax",
  "--skipLibCheck",
  "--target",
  "es2023",
  "--module",
  "nodenext",
  "--moduleResolution",
  "nodenext",
  "--lib",
  "es2023,dom",
  "--ignoreConfig",
];

export async function typecheck(dir: string): Promise<TypecheckResult> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(dir, f));
  const types = resolvable(dir, "@types/node/package.json") ? ["--types", "node"] : ["--types", ""];
  const args = [tscBin(), ...TSC_FLAGS, ...types, ...files];
  const result = await execa(process.execPath, args, {
    reject: false,
    env: { NODE_OPTIONS: "" },
    all: true,
  });
  return {
    ok: result.exitCode === 0,
    output: (result.all ?? "").trim(),
    command: `tsc --noEmit --strict ${dir}/*.ts`,
  };
}
