import { type Command, Option } from "commander";
import { CapkitError } from "../errors.js";
import { FORMAT_NAMES, type FormatName, loadFormatter } from "../lint/format/load.js";

export interface LintCommandOptions {
  staged?: boolean;
  format: FormatName;
  config?: string;
  maxWarnings: number;
}

export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color: boolean;
}

/** Exit code: 2 when the configured names match nothing (config error), 1 on errors or too many warnings. */
export function exitCodeFor(
  diagnostics: { ruleId: string; severity: string }[],
  maxWarnings: number,
): number {
  if (diagnostics.some((d) => d.ruleId === "config")) return 2;
  if (diagnostics.some((d) => d.severity === "error")) return 1;
  const warnings = diagnostics.length;
  return maxWarnings >= 0 && warnings > maxWarnings ? 1 : 0;
}

export async function runLintCommand(
  paths: string[],
  options: LintCommandOptions,
  io: Io,
): Promise<number> {
  // loaded on use: `capkit generate` and `doctor` never load the linter
  const { lint } = await import("../lint/index.js");
  const result = await lint({
    cwd: io.cwd,
    paths,
    ...(options.staged ? { staged: true } : {}),
    ...(options.config ? { config: options.config } : {}),
  });
  const format = await loadFormatter(options.format);
  const output = format({ ...result, cwd: io.cwd, color: io.color });
  io.stdout(output);
  return exitCodeFor(result.diagnostics, options.maxWarnings);
}

function parseMaxWarnings(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < -1) {
    throw new CapkitError(
      "USAGE",
      `--max-warnings expects a whole number (-1 for no limit), got "${value}"`,
      { exitCode: 2 },
    );
  }
  return n;
}

export function registerLint(program: Command): void {
  program
    .command("lint")
    .description("Check integrations against the platform's structural rules")
    .argument(
      "[paths...]",
      "files or folders to lint (default: the configured integrations folder)",
    )
    .option("--staged", "lint the staged content of staged files (for commit hooks)")
    .addOption(
      new Option("--format <format>", "output format").choices(FORMAT_NAMES).default("pretty"),
    )
    .option(
      "--config <path>",
      "config file (default: the first of capkit.config.json, .ts, .js, .mjs in the working directory)",
    )
    .option(
      "--max-warnings <n>",
      "exit 1 when there are more warnings than this (-1: no limit)",
      parseMaxWarnings,
      -1,
    )
    .addHelpText(
      "after",
      `
Examples:
  $ capkit lint                                    # every integration under the configured folder
  $ capkit lint integrations/acme --format json
  $ capkit lint --staged                           # in a commit hook: the staged content only
  $ capkit lint --format sarif > capkit.sarif      # for GitHub code scanning

Config: the first of capkit.config.json, .ts, .js, .mjs in the working directory (a module
default-exports the same object; .ts needs Node 22.6+ type stripping or a loader such as tsx).
Schema: schema/capkit.config.schema.json in the capkit package.

Exit codes: 0 clean, 1 errors (or more warnings than --max-warnings), 2 usage or config error.`,
    )
    .action(async (paths: string[], options: LintCommandOptions) => {
      process.exitCode = await runLintCommand(paths, options, {
        cwd: process.cwd(),
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        color:
          options.format === "pretty" && process.stdout.isTTY === true && !process.env.NO_COLOR,
      });
    });
}
