/**
 * `capkit generate` on a terminal with answers missing: runs the plop generator (the same prompts
 * and actions as `npx plop integration`), with the flags given so far as bypass answers.
 */
import { resolve } from "node:path";
import nodePlop from "node-plop";
import pc from "picocolors";
import { assertProjectReady } from "../generate/preflight.js";
import { checkOutputFolder } from "../generate/write.js";
import { packageFile } from "../verify/tools.js";
import { cliOptions, type GenerateFlags } from "./generate.js";

/**
 * The checks that must not wait for the last answer: what the project lacks, and an occupied output
 * folder when the flags already name it.
 */
export function beforePrompts(flags: GenerateFlags, cwd = process.cwd()): void {
  const out = flags.out ?? (flags.name ? `integrations/${flags.name}` : undefined);
  assertProjectReady(resolve(cwd, out ?? "integrations"), { cwd });
  if (out) checkOutputFolder(resolve(cwd, out), flags.force === true);
}

export async function runInteractive(flags: GenerateFlags): Promise<number> {
  beforePrompts(flags);
  const plop = await nodePlop(packageFile("dist/plopfile.js"));
  const generator = plop.getGenerator("integration");
  // Positional bypass in prompt order (name, spec, kind, operations, kinds, pagination, auth,
  // validation, events, signature, out); "_" asks the question.
  const answers: Record<string, unknown> = await generator.runPrompts([
    flags.name ?? "_",
    flags.spec ?? "_",
    "_",
    flags.operations ?? "_",
    flags.kinds ?? "_",
    flags.pagination ?? "_",
    flags.auth ?? "_",
    flags.validation ?? "_",
    "_",
    "_",
    flags.out ?? "_",
  ]);
  // what the prompts do not ask travels with the answers to the generate action
  answers.cli = cliOptions(flags);
  const { failures } = await generator.runActions(answers, {
    onSuccess: (change) => process.stdout.write(`${pc.green("✔")} ${change.path}\n`),
    onFailure: (failure) =>
      process.stderr.write(`${pc.red("✘")} ${String(failure.error ?? failure.message ?? "")}\n`),
    onComment: (text) => process.stderr.write(`${pc.dim(`${text}…`)}\n`),
  });
  return failures.length > 0 ? 1 : 0;
}
