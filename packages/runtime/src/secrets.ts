import { sanitizeUrl } from "./sanitize.js";

export const REDACTED = "[Redacted]";

// Shorter values are not masked: a 1–3 character "secret" would mask half of every message.
const MIN_SECRET_LENGTH = 4;
// Absolute URLs inside free text (messages, stacks, causes): their query and user-info go.
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Token|Digest)\s+[A-Za-z0-9._~+/=-]+/gi;
// `password=…`, `"api_key": "…"`, `token: …` in free text.
const CREDENTIAL_PAIR =
  /("?\b(?:access_?token|refresh_?token|id_?token|token|secret|client_?secret|password|passwd|pwd|authorization|api[_-]?key|apikey|cookie|session|sig|signature)"?\s*[:=]\s*)("[^"]*"|[^\s,&;}"]+)/gi;

/** The distinct values worth masking, longest first (a secret may contain a shorter one). */
export function secretValues(...sources: (Iterable<string> | undefined)[]): string[] {
  const out = new Set<string>();
  for (const source of sources) {
    for (const value of source ?? []) {
      if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) continue;
      out.add(value);
      // As it travels in a query string or a form body.
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out.add(encoded);
      const form = new URLSearchParams({ v: value }).toString().slice(2);
      if (form !== value) out.add(form);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** Masks known secret values only. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * Masks known secret values, strips query strings and user-info from every URL in the text, and
 * masks `Bearer …` values and `password=…`-style pairs: what a log line or an error may show.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = maskSecrets(text, secrets);
  if (out.includes("://")) out = out.replace(URL_IN_TEXT, (url) => sanitizeUrl(url));
  return out.replace(AUTH_SCHEME, `$1 ${REDACTED}`).replace(CREDENTIAL_PAIR, `$1${REDACTED}`);
}

const MAX_CAUSES = 8;

/**
 * An error's cause chain with every string scrubbed (message, stack, string properties such as
 * undici's `input`). Errors that need no change are returned as they are, so identity survives.
 */
export function scrubCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof cause === "string") return scrubText(cause, secrets);
  if (!(cause instanceof Error) || depth >= MAX_CAUSES) {
    return cause === null || typeof cause !== "object" ? cause : undefined;
  }
  const inner = cause.cause === undefined ? undefined : scrubCause(cause.cause, secrets, depth + 1);
  const message = scrubText(cause.message, secrets);
  const stack = cause.stack === undefined ? undefined : scrubText(cause.stack, secrets);
  const props: [string, unknown][] = [];
  let changed = inner !== cause.cause || message !== cause.message || stack !== cause.stack;
  for (const [key, value] of Object.entries(cause)) {
    if (key === "cause") continue;
    const clean =
      typeof value === "string"
        ? scrubText(value, secrets)
        : value === null || typeof value !== "object"
          ? value
          : undefined;
    if (clean !== value) changed = true;
    props.push([key, clean]);
  }
  if (!changed) return cause;
  const copy = new Error(message, inner === undefined ? undefined : { cause: inner });
  copy.name = cause.name;
  if (stack !== undefined) copy.stack = stack;
  for (const [key, value] of props) if (value !== undefined) Reflect.set(copy, key, value);
  return copy;
}
