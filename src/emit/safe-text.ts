/**
 * Write-site escaping: the only way spec text reaches generated code. Identifiers must already be
 * safe (the model makes them); everything else becomes a JSON string literal or inert comment text.
 */
import { CapkitError } from "../errors.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Asserts an identifier the model produced; a violation is a capkit bug, so it fails loudly. */
export function identifier(name: unknown): string {
  if (typeof name !== "string" || !IDENTIFIER.test(name)) {
    throw new CapkitError(
      "EMIT_UNSAFE_IDENTIFIER",
      `Refusing to write ${JSON.stringify(name)} as an identifier: it is not a plain TypeScript identifier.`,
    );
  }
  return name;
}

/** A TypeScript string literal for any text: JSON's escaping covers quotes, backslashes and newlines. */
export function stringLiteral(text: unknown): string {
  // U+2028/U+2029 are legal in JSON strings and in ES2019+ literals, but escape them for old tools.
  return JSON.stringify(String(text ?? ""))
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * Text safe inside a `/** … *\/` or `//` comment: one line, no comment terminator, no control
 * characters, bounded length.
 */
export function commentText(text: unknown, max = 160): string {
  const flat = String(text ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\*\//g, "*\\/")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/**
 * A JSON value as a TypeScript expression (data only: JSON.stringify cannot produce code). A
 * `"__proto__"` key would set the object's prototype in a literal; computed, it is a plain key.
 */
export function jsonLiteral(value: unknown, indent = 2): string {
  return (JSON.stringify(value ?? null, null, indent) ?? "null")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029")
    .replace(/([{,]\s*)"__proto__":/g, '$1["__proto__"]:');
}

/** A property key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  if (name === "__proto__") return '["__proto__"]';
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}
