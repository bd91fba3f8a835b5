import { inspect } from "node:util";
import { OptionsError } from "./errors.js";
import type { PlatformModel } from "./models.js";

export interface Job {
  /** Credentials by key. Never serialised: JSON and util.inspect show "[Redacted]". */
  readonly secret: Readonly<Record<string, string>>;
  readonly config: Readonly<Record<string, string>>;
  send(...models: PlatformModel[]): void;
  readonly signal: AbortSignal;
}

export interface JobInit {
  secret?: Record<string, string>;
  config?: Record<string, string>;
  send?: (...models: PlatformModel[]) => void;
  signal?: AbortSignal;
}

const REDACTED = "[Redacted]";

/** A job whose secrets cannot leak through JSON.stringify, util.inspect or a logger. */
export function createJob(init: JobInit = {}): Job {
  const secret = sealSecrets(init.secret ?? {});
  // Not frozen: pino's redaction masks in place (and restores), which throws on frozen objects.
  const config = { ...(init.config ?? {}) };
  const send = init.send ?? (() => {});
  const signal = init.signal ?? new AbortController().signal;
  const job: Job = {
    secret,
    config,
    signal,
    send: (...models) => send(...models),
  };
  Object.defineProperties(job, {
    toJSON: { value: () => ({ config, secret: REDACTED }), enumerable: false },
    [inspect.custom]: {
      value: () => `Job { config: ${inspect(config)}, secret: ${REDACTED} }`,
      enumerable: false,
    },
  });
  return job;
}

function sealSecrets(values: Record<string, string>): Readonly<Record<string, string>> {
  const sealed: Record<string, string> = { ...values };
  // Non-enumerable hooks: keys stay readable, but serialisers see only the mask.
  Object.defineProperties(sealed, {
    toJSON: { value: () => REDACTED, enumerable: false },
    [inspect.custom]: { value: () => REDACTED, enumerable: false },
  });
  return sealed;
}

/** The credential `key`, or an OptionsError naming the missing key (never its value). */
export function requireSecret(job: Job, key: string): string {
  const value = job.secret[key];
  if (typeof value !== "string" || value === "") {
    throw new OptionsError(
      `secret.${key}`,
      `Expected job secret \`${key}\` to be a non-empty string.`,
    );
  }
  return value;
}
