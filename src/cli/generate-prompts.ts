/**
 * `capkit generate` on a terminal with answers missing: runs the plop generator (the same prompts
 * and action as `npx plop integration`), with the flags given so far as bypass answers.
 */
import nodePlop from "node-plop";
import { packageFile } from "../verify/tools.js";

export async function runInteractive(flags: {
  spec?: string;
  name?: string;
  operations?: string;
}): Promise<number> {
  const plop = await nodePlop(packageFile("dist/plopfile.js"));
  const generator = plop.getGenerator("integration");
  // Positional bypass in prompt order (name, spec, kind, operations); "_" asks the question.
  const answers = await generator.runPrompts([
    flags.name ?? "_",
    flags.spec ?? "_",
    "_",
    flags.operations ?? "_",
  ]);
  const { changes, failures } = await generator.runActions(answers);
  for (const change of changes) process.stdout.write(`${change.path}\n`);
  for (const failure of failures)
    process.stderr.write(`${String(failure.error ?? failure.message ?? "")}\n`);
  return failures.length > 0 ? 1 : 0;
}
