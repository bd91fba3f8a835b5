import { OptionsError } from "./errors.js";

// Validation messages follow one shape: "Expected `<option>` to be <what>." (ky/p-retry style).

export function expectNonNegativeInteger(option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new OptionsError(option, `Expected \`${option}\` to be a non-negative integer.`);
  }
  return value;
}

export function expectNonNegativeNumber(option: string, value: unknown): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw new OptionsError(option, `Expected \`${option}\` to be a non-negative number.`);
  }
  return value;
}

export function expectPositiveNumber(option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new OptionsError(option, `Expected \`${option}\` to be a positive number.`);
  }
  return value;
}

export function expectPositiveInteger(option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new OptionsError(option, `Expected \`${option}\` to be a positive integer.`);
  }
  return value;
}

export function expectNonEmptyString(option: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new OptionsError(option, `Expected \`${option}\` to be a non-empty string.`);
  }
  return value;
}

export function expectOneOf<T extends string>(
  option: string,
  value: unknown,
  accepted: readonly T[],
): T {
  if (typeof value !== "string" || !(accepted as readonly string[]).includes(value)) {
    throw new OptionsError(
      option,
      `Expected \`${option}\` to be one of: ${accepted.map((a) => `"${a}"`).join(", ")}; got ${describe(value)}.`,
    );
  }
  return value as T;
}

export function expectFunction(option: string, value: unknown): void {
  if (typeof value !== "function") {
    throw new OptionsError(option, `Expected \`${option}\` to be a function.`);
  }
}

export function expectAbsoluteHttpUrl(option: string, value: unknown): URL {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new OptionsError(option, `Expected \`${option}\` to be an absolute http(s) URL.`);
  }
  return url;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  return value === null ? "null" : typeof value;
}
