/**
 * The spec download's two caps, size and time, as flags (`--max-spec-bytes`, `--timeout`) or
 * environment variables (`CAPKIT_MAX_SPEC_BYTES`, `CAPKIT_SPEC_TIMEOUT`): one parser for
 * `capkit generate`, `capkit doctor` and the plop generator. The errors that hit a cap name both.
 */
import type { Command } from "commander";
import { CapkitError } from "../errors.js";

export interface SpecLimitFlags {
  maxSpecBytes?: string;
  timeout?: string;
}

export interface SpecLimits {
  maxBytes?: number;
  timeoutMs?: number;
}

export const MAX_BYTES_ENV = "CAPKIT_MAX_SPEC_BYTES";
export const TIMEOUT_ENV = "CAPKIT_SPEC_TIMEOUT";

function parse(text: string, what: string, pattern: RegExp, expected: string): number {
  const value = Number(text);
  if (!pattern.test(text.trim()) || !(value > 0) || !Number.isFinite(value)) {
    throw new CapkitError(
      "INVALID_FLAG",
      `${what} expects ${expected}, got ${JSON.stringify(text)}.`,
      {
        source: what,
        exitCode: 2,
      },
    );
  }
  return value;
}

/** Flags win over the environment; absent both, the loader's defaults apply (50 MB, 30 s). */
export function specLimits(
  flags: SpecLimitFlags,
  env: NodeJS.ProcessEnv = process.env,
): SpecLimits {
  const bytes = flags.maxSpecBytes ?? env[MAX_BYTES_ENV];
  const seconds = flags.timeout ?? env[TIMEOUT_ENV];
  const bytesFrom = flags.maxSpecBytes !== undefined ? "--max-spec-bytes" : MAX_BYTES_ENV;
  const secondsFrom = flags.timeout !== undefined ? "--timeout" : TIMEOUT_ENV;
  return {
    ...(bytes ? { maxBytes: parse(bytes, bytesFrom, /^\d+$/, "a whole number of bytes") } : {}),
    ...(seconds
      ? {
          timeoutMs: Math.round(
            1000 * parse(seconds, secondsFrom, /^\d+(\.\d+)?$/, "a number of seconds"),
          ),
        }
      : {}),
  };
}

export function addSpecLimitOptions(command: Command): Command {
  return command
    .option(
      "--max-spec-bytes <bytes>",
      `refuse a spec larger than this (default 52428800, 50 MB; or ${MAX_BYTES_ENV})`,
    )
    .option(
      "--timeout <seconds>",
      `give up downloading the spec after this long (default 30; or ${TIMEOUT_ENV})`,
    );
}
