import { pino } from "pino";
import { sanitizeUrl } from "./sanitize.js";

export type Logger = pino.Logger;

export interface LoggerOptions {
  /** pino level; default `CAPKIT_LOG_LEVEL` or "info". */
  level?: string;
  /** Where lines go (one JSON line per `write`); default stdout. Tests pass a collector. */
  destination?: { write(line: string): void };
  /** Fields bound to every line, e.g. `{ capability: "acme" }`. */
  bindings?: Record<string, unknown>;
}

// Credential-bearing keys, masked at any of the first three levels of a log object.
const SENSITIVE_KEYS = [
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "password",
  "secret",
  "clientSecret",
  "client_secret",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "apiKey",
  "api_key",
  "x-api-key",
  "credentials",
];
const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const dot = k.startsWith("[") ? k : `.${k}`;
  return [k, `*${dot}`, `*.*${dot}`];
}).concat(
  // An Auth object's `value` (apiKey) is a credential; elsewhere `value` is ordinary data.
  ["auth.value", "*.auth.value", "options.auth.value"],
);
const URL_KEYS = ["url", "href", "nextUrl", "tokenUrl"];

/** pino logger that masks credential fields and strips query/user-info from URL fields. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const config: pino.LoggerOptions = {
    level: options.level ?? process.env.CAPKIT_LOG_LEVEL ?? "info",
    redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
    formatters: { log: sanitizeUrlFields },
    base: options.bindings ?? null,
  };
  return options.destination
    ? pino(config, options.destination as pino.DestinationStream)
    : pino(config);
}

function sanitizeUrlFields(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of URL_KEYS) {
    const value = object[key];
    if (typeof value === "string" || value instanceof URL) {
      copy ??= { ...object };
      copy[key] = sanitizeUrl(String(value));
    }
  }
  return copy ?? object;
}

/** The runtime's default logger. */
export const log: Logger = createLogger();
