// `capkit lint …` on its own: what a commit hook runs on every commit. bin/capkit.js takes this entry
// for `capkit lint`, so the hook loads the lint command and nothing of generate, doctor or check.
import { registerLint } from "./lint.js";
import { baseProgram, runProgram } from "./program.js";

export async function main(argv: readonly string[]): Promise<number> {
  const program = baseProgram();
  registerLint(program);
  return runProgram(program, argv);
}
