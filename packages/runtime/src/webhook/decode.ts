// Strict decoding of signatures: one spelling per byte string, or nothing. Node's Buffer.from()
// skips what it cannot read, so `abc…zz`, `abc…0` and `ABC…` would all decode to the same bytes
// and verify (issue 10, item 4).

const HEX = /^(?:[0-9a-f]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Lower-case hex of exactly `bytes` bytes, else undefined. */
export function decodeHex(text: string, bytes: number): Buffer | undefined {
  if (text.length !== bytes * 2 || !HEX.test(text)) return undefined;
  return Buffer.from(text, "hex");
}

/** Padded standard base64 of exactly `bytes` bytes in its canonical spelling, else undefined. */
export function decodeBase64(text: string, bytes: number): Buffer | undefined {
  if (text.length !== Math.ceil(bytes / 3) * 4 || !BASE64.test(text)) return undefined;
  const decoded = Buffer.from(text, "base64");
  // unused low bits of the last character must be zero: one spelling per signature
  if (decoded.length !== bytes || decoded.toString("base64") !== text) return undefined;
  return decoded;
}

export function decode(
  text: string,
  encoding: "hex" | "base64",
  bytes: number,
): Buffer | undefined {
  return encoding === "hex" ? decodeHex(text, bytes) : decodeBase64(text, bytes);
}
