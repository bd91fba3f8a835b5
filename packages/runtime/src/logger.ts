import { pino } from "pino";
import { redactValue } from "./redact.js";
import { secretValues } from "./secrets.js";

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** pino level; default `CAPKIT_LOG_LEVEL` or "info". */
  level?: string;
  /** Where lines go (one JSON line per `write`); default stdout. Tests pass a collector. */
  destination?: { write(line: string): void };
  /** Fields bound to every line, e.g. `{ capability: "acme" }`. */
  bindings?: Record<string, unknown>;
  /** Values masked wherever they appear in a line (a job's credentials); see `withSecrets`. */
  secrets?: readonly string[];
}

const SECRETS = Symbol("capkit.logSecrets");
type WithSecrets = Logger & { [SECRETS]?: readonly string[] };

/**
 * pino logger that redacts everything it is given before it is serialised (see redact.ts):
 * credential keys at any depth and in any case, URLs' query strings and user-info, `Bearer …`
 * values, and the secret values bound with `withSecrets` (inherited by child loggers).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const config: pino.LoggerOptions = {
    level: options.level ?? process.env.CAPKIT_LOG_LEVEL ?? "info",
    hooks: {
      logMethod(args, method) {
        const secrets = (this as WithSecrets)[SECRETS] ?? [];
        method.apply(this, redactArgs(args, secrets) as Parameters<typeof method>);
      },
    },
    formatters: { bindings: (bindings) => redactValue(bindings, []) as Record<string, unknown> },
    // Errors arrive already serialised (and redacted) by the hook; pino's own would re-read them.
    serializers: { err: (value: unknown) => value },
    base: options.bindings ?? null,
  };
  const logger = options.destination
    ? pino(config, options.destination as pino.DestinationStream)
    : pino(config);
  return options.secrets ? withSecrets(logger, options.secrets) : logger;
}

/**
 * A child of `logger` that also masks `secrets` wherever they appear (message, interpolated
 * arguments, any string at any depth, errors and their causes). Only loggers made by
 * `createLogger` redact; the masking is inherited by the child's own children.
 */
export function withSecrets(logger: Logger, secrets: Iterable<string>): Logger {
  const inherited = (logger as WithSecrets)[SECRETS] ?? [];
  const child = logger.child({}) as WithSecrets;
  Object.defineProperty(child, SECRETS, {
    value: secretValues(inherited, secrets),
    enumerable: false,
  });
  return child;
}

function redactArgs(args: unknown[], secrets: readonly string[]): unknown[] {
  const [first, ...rest] = args;
  // `log.error(err)` keeps pino's shape: the error under `err`, its message as the line's msg.
  if (first instanceof Error) {
    const tail = rest.length > 0 ? rest : [first.message];
    return [{ err: redactValue(first, secrets) }, ...tail.map((arg) => redactValue(arg, secrets))];
  }
  return args.map((arg) => redactValue(arg, secrets));
}

/** The runtime's default logger. */
export const log: Logger = createLogger();
