// What the logger does to everything it is given, before pino serialises it: credential keys are
// masked whatever their case or depth, every URL loses its query and user-info, and known secret
// values are masked wherever they appear in a string. Nothing the caller passed is mutated.
import { sanitizeUrl } from "./sanitize.js";
import { REDACTED, scrubText } from "./secrets.js";

// Keys whose value is a credential, compared after lower-casing and dropping `-` and `_`.
const CREDENTIAL_KEY =
  /^(?:x)?(?:authorization|proxyauthorization|cookie|setcookie|password|passwd|pwd|passphrase|secret|clientsecret|token|accesstoken|refreshtoken|idtoken|sessiontoken|authtoken|apikey|apitoken|privatekey|secretaccesskey|credentials?|auth|signature|sessionid)$/;
// ...or that end like one: `githubToken`, `dbPassword`, `X-Auth-Token`, `awsSecretAccessKey`.
const CREDENTIAL_SUFFIX = /(?:token|password|passwd|secret|apikey|privatekey|secretaccesskey)$/;
// Keys whose string value is a URL even when relative (`/v1/items?access_token=…`).
const URL_KEY = /(?:url|uri|href|link|location|path|endpoint)$/i;

const MAX_DEPTH = 32;

export function isCredentialKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, "");
  return CREDENTIAL_KEY.test(k) || CREDENTIAL_SUFFIX.test(k);
}

/** A redacted copy of `value` for a log line. */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  return walk(value, secrets, 0, new WeakSet());
}

function walk(
  value: unknown,
  secrets: readonly string[],
  depth: number,
  seen: WeakSet<object>,
): unknown {
  if (typeof value === "string") return scrubText(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof URL) return sanitizeUrl(value.href);
  if (value instanceof Date) return value;
  if (seen.has(value) || depth >= MAX_DEPTH) return "[Circular or too deep]";
  seen.add(value);
  try {
    if (value instanceof Error) return errorObject(value, secrets, depth, seen);
    if (Array.isArray(value)) return value.map((item) => walk(item, secrets, depth + 1, seen));
    if (value instanceof Headers || value instanceof Map) {
      return walkEntries([...value.entries()], secrets, depth, seen);
    }
    const json = (value as { toJSON?: unknown }).toJSON;
    if (typeof json === "function") return walk(json.call(value), secrets, depth + 1, seen);
    return walkEntries(Object.entries(value), secrets, depth, seen);
  } finally {
    seen.delete(value);
  }
}

function walkEntries(
  entries: [unknown, unknown][],
  secrets: readonly string[],
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, item] of entries) {
    const key = String(rawKey);
    if (isCredentialKey(key)) out[key] = REDACTED;
    else if (typeof item === "string" && URL_KEY.test(key))
      out[key] = scrubText(sanitizeUrl(item), secrets);
    else out[key] = walk(item, secrets, depth + 1, seen);
  }
  return out;
}

/** An error as pino's serializer shows it (type, message, stack, own fields, causes), redacted. */
function errorObject(
  error: Error,
  secrets: readonly string[],
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.name,
    message: scrubText(error.message, secrets),
    stack: error.stack === undefined ? undefined : scrubText(error.stack, secrets),
  };
  Object.assign(out, walkEntries(Object.entries(error), secrets, depth, seen));
  if (error.cause !== undefined) out.cause = walk(error.cause, secrets, depth + 1, seen);
  return out;
}
