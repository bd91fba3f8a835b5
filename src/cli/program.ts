// The `capkit` program without its sub-commands, and the runner that turns its errors into exit codes.
// Shared by the full CLI (main.ts) and the commit hook's lint-only entry (lint-main.ts).
import { Command, CommanderError } from "commander";
import { isCapkitError } from "../errors.js";
import { VERSION } from "../version.js";

export function baseProgram(): Command {
  return new Command("capkit")
    .description(
      "Generate security-platform integrations from OpenAPI documents, and lint them for the platform's structural rules.",
    )
    .version(VERSION, "-v, --version")
    .showHelpAfterError("(run `capkit --help` for usage)")
    .exitOverride();
}

/** Runs a program and returns the exit code: errors become one paragraph on stderr, never a stack. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<number> {
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
