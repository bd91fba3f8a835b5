import { Command, CommanderError } from "commander";
import { isCapkitError } from "../errors.js";
import { VERSION } from "../version.js";
import { registerCheck } from "./check.js";
import { doctorCommand } from "./doctor.js";
import { registerGenerate } from "./generate.js";
import { registerLint } from "./lint.js";
import { registerUpdate } from "./update.js";

/** Builds the `capkit` command. Each sub-command lives in its own file under `src/cli/`. */
export function buildProgram(): Command {
  const program = new Command("capkit")
    .description(
      "Generate security-platform integrations from OpenAPI documents, and lint them for the platform's structural rules.",
    )
    .version(VERSION, "-v, --version")
    .showHelpAfterError("(run `capkit --help` for usage)")
    .exitOverride();
  program.addCommand(doctorCommand());
  registerGenerate(program);
  registerLint(program);
  registerCheck(program);
  registerUpdate(program);
  return program;
}

/** Runs the CLI and returns the exit code: errors become one paragraph on stderr, never a stack. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit through here with code 0; usage errors get 2
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isCapkitError(error)) {
      process.stderr.write(`capkit: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
