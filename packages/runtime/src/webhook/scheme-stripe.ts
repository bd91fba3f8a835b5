import { createHmac } from "node:crypto";
import type { Checked, HeaderGetter, RawBody } from "./checked.js";
import { parseTimestamp } from "./checked.js";
import { decodeHex } from "./decode.js";
import { invalidSignature, missingHeader, WebhookVerificationError } from "./errors.js";
import { safeEqual } from "./safe-equal.js";

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…][,v0=…]`, HMAC-SHA256 of `${t}.${body}`
 * keyed with the whole `whsec_…` secret. Several v1 entries appear while a secret is rolled; any
 * one that matches passes. v0 (test-mode SHA-1) entries are ignored, as Stripe's libraries do.
 */
export function checkStripe(secret: string, get: HeaderGetter, body: RawBody): Checked {
  const header = get("stripe-signature");
  if (!header?.trim()) throw missingHeader("stripe-signature");
  const stamps: string[] = [];
  const signatures: string[] = [];
  for (const item of header.split(",")) {
    const at = item.indexOf("=");
    const key = item.slice(0, at).trim();
    const value = item.slice(at + 1).trim();
    if (key === "t") stamps.push(value);
    else if (key === "v1") signatures.push(value);
  }
  if (stamps.length !== 1) {
    throw new WebhookVerificationError("missing-timestamp", "Stripe-Signature has no single `t=`.");
  }
  const timestamp = parseTimestamp(stamps[0]);
  const expected = createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest();
  for (const signature of signatures) {
    const given = decodeHex(signature, 32);
    if (given && safeEqual(expected, given)) return { timestamp, fingerprint: given };
  }
  throw invalidSignature();
}
