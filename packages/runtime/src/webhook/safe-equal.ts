import { timingSafeEqual } from "node:crypto";

/** Constant-time comparison; lengths are public (a digest's size), so a length check leaks nothing. */
export function safeEqual(expected: Buffer, given: Buffer): boolean {
  return expected.length === given.length && timingSafeEqual(expected, given);
}
