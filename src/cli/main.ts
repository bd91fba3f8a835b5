import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { doctorCommand } from "./doctor.js";
import { registerGenerate } from "./generate.js";
import { registerLint } from "./lint.js";
import { baseProgram, runProgram } from "./program.js";
import { registerUpdate } from "./update.js";

/** Builds the `capkit` command. Each sub-command lives in its own file under `src/cli/`. */
export function buildProgram(): Command {
  const program = baseProgram();
  program.addCommand(doctorCommand());
  registerGenerate(program);
  registerLint(program);
  registerCheck(program);
  registerUpdate(program);
  return program;
}

/** Runs the CLI and returns the exit code: errors become one paragraph on stderr, never a stack. */
export async function main(argv: readonly string[]): Promise<number> {
  return runProgram(buildProgram(), argv);
}
