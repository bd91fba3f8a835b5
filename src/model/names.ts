/**
 * Safe identifiers from untrusted spec text. A spec's ids, names and tags become method, class and
 * parameter names; they must be valid, non-reserved TypeScript identifiers and never carry
 * punctuation that could close a comment or a string in generated code.
 */

/** ECMAScript reserved words, strict-mode and TypeScript contextual keywords that cannot (or should not) name things. */
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false " +
    "finally for function if import in instanceof new null return super switch this throw true try " +
    "typeof var void while with yield let static implements interface package private protected public " +
    "await async abstract any as asserts boolean constructor declare get infer is keyof module namespace " +
    "never readonly require number object set string symbol type undefined unique unknown from global of " +
    "satisfies arguments eval prototype NaN Infinity then"
  ).split(" "),
);

/** Names generated code imports or declares beside the class (runtime and globals). */
export const TAKEN_CLASS_NAMES = new Set(
  (
    "BaseCapability Asset Risk Attribute Integration Job Filter Capability IntegrationError NotImplementedError " +
    "Object Array Promise Error Map Set Date String Number Boolean Symbol Function JSON Math Record Partial " +
    "Required Readonly Pick Omit Response Request Headers URL Buffer"
  ).split(" "),
);

const SERVICE_RESERVED = new Set([
  "capkit",
  "runtime",
  "index",
  "test",
  "tests",
  "node-modules",
  "base",
  "types",
]);

export type IdentifierStyle = "camel" | "pascal";

/** Words of arbitrary text: ASCII letters and digits only, split on punctuation and case changes. */
export function identifierWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

export interface SafeIdentifier {
  identifier: string;
  /** Set when the result is more than a re-casing of the text (reported as a rename). */
  reason?: string;
}

export function safeIdentifier(
  text: string,
  style: IdentifierStyle,
  fallback = "unnamed",
): SafeIdentifier {
  const words = identifierWords(text);
  if (words.length === 0) {
    const identifier = style === "pascal" ? capitalise(fallback) : fallback;
    return { identifier, reason: "no letters or digits to build a name from" };
  }
  const joined = words
    .map((w, i) =>
      i === 0 && style === "camel" ? w.toLowerCase() : capitalise(w.toLowerCase(), w),
    )
    .join("");
  if (/^[0-9]/.test(joined)) return { identifier: `_${joined}`, reason: "starts with a digit" };
  if (RESERVED.has(joined)) return { identifier: `${joined}_`, reason: "reserved word" };
  return { identifier: joined };
}

/** A safe TypeScript identifier for arbitrary spec text (see `safeIdentifier` for why a rename happened). */
export function toIdentifier(text: string, style: IdentifierStyle): string {
  return safeIdentifier(text, style).identifier;
}

function capitalise(lower: string, original = lower): string {
  // keep digits-and-capitals words like `V3` readable, otherwise title-case
  const word = /^[A-Z0-9]+$/.test(original) && original.length <= 2 ? original : lower;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `base`, else `base2`, `base3`… — deterministic in call order. */
export function uniqueIn(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

/** Service names: lower-case letters, digits and `-`; a letter first; ≤ 40 characters; not reserved. */
export function validateServiceName(name: string): string | undefined {
  if (name.length === 0)
    return "The service name is empty; use lower-case letters, digits and '-', e.g. `acme`.";
  if (name.length > 40) return `The service name has ${name.length} characters; use at most 40.`;
  if (!/^[a-z]/.test(name)) return "The service name must start with a lower-case letter (a-z).";
  if (!/^[a-z][a-z0-9-]*$/.test(name))
    return "The service name may hold only lower-case letters, digits and '-'.";
  if (/--|-$/.test(name)) return "The service name may not end with '-' or hold '--'.";
  if (RESERVED.has(name) || SERVICE_RESERVED.has(name))
    return `"${name}" is a reserved word; pick another service name.`;
  return undefined;
}
