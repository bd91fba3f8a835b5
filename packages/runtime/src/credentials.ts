// Credentials are checked once, when the client is created: a value fetch would refuse (a
// trailing newline read from a file, a NUL, a character outside Latin-1 in a header) must fail
// there, as a configuration error naming the key, never at request time where fetch's own message
// quotes the value and the failure looks like a retryable network error.
import { OptionsError } from "./errors.js";

export type CredentialUse = "header" | "cookie" | "query" | "encoded";

/** Job secret keys by value, so an error can say "job secret `apiToken`" instead of the value. */
export type SecretNames = ReadonlyMap<string, string>;

export function secretNames(secrets: Readonly<Record<string, string>> | undefined): SecretNames {
  const names = new Map<string, string>();
  for (const [key, value] of Object.entries(secrets ?? {})) {
    if (typeof value === "string" && value !== "" && !names.has(value)) names.set(value, key);
  }
  return names;
}

// RFC 9110 §5.6.2 token: what a header or cookie name may be made of.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;
const NOT_LATIN1 = /[\u0100-\uffff]/;

/**
 * The credential `value` for `option`, or an `INVALID_CREDENTIAL` OptionsError that names the
 * option (and the job secret it came from) and what is wrong, never the value.
 */
export function expectCredential(
  option: string,
  value: unknown,
  use: CredentialUse,
  names: SecretNames = new Map(),
): string {
  const label = describeKey(option, value, names);
  if (typeof value !== "string" || value.length === 0) {
    throw new OptionsError(option, `Expected ${label} to be a non-empty string.`, CODE);
  }
  const problem = problemOf(value, use);
  if (problem) throw new OptionsError(option, `${capital(label)} ${problem}.`, CODE);
  return value;
}

/** A header or cookie name: an RFC 9110 token. */
export function expectTokenName(option: string, value: unknown): string {
  if (typeof value !== "string" || !TOKEN.test(value)) {
    throw new OptionsError(
      option,
      `Expected \`${option}\` to be a header or cookie name (letters, digits and !#$%&'*+-.^_\`|~).`,
      CODE,
    );
  }
  return value;
}

const CODE = "INVALID_CREDENTIAL";

function problemOf(value: string, use: CredentialUse): string | undefined {
  if (CONTROL.test(value)) {
    return "contains a control character (a line break, tab or NUL; often a newline left from a file)";
  }
  if (use === "header" || use === "cookie") {
    if (NOT_LATIN1.test(value)) return "contains a character HTTP headers cannot carry";
    if (value.trim() !== value) return "starts or ends with whitespace, which HTTP headers drop";
  }
  if (use === "cookie" && /[;,]/.test(value)) return "contains `;` or `,`, which end a cookie";
  return undefined;
}

function describeKey(option: string, value: unknown, names: SecretNames): string {
  const key = typeof value === "string" ? names.get(value) : undefined;
  return key === undefined ? `\`${option}\`` : `\`${option}\` (job secret \`${key}\`)`;
}

function capital(text: string): string {
  return text.replace(/^`/, "The `");
}
