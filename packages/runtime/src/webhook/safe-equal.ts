import { timingSafeEqual } from "node:crypto";

/** Constant-time comparison; lengths are public (a digest's size), so a length check leaks nothing. */
export function safeEqual(expected: Buffer, given: Buffer): boolean {
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * safeEqual for text, e.g. an HMAC's lower-case hex against the header's: equal only when spelled
 * the same (so, for hex, strict decoding comes free). UTF-8 is one-to-one, unlike latin1, which
 * would let a character above U+00FF stand for its low byte.
 */
export function safeEqualText(expected: string, given: string): boolean {
  return safeEqual(Buffer.from(expected, "utf8"), Buffer.from(given, "utf8"));
}
