import { WebhookVerificationError } from "./errors.js";

/** Reads one request header, case-insensitively. */
export type HeaderGetter = (name: string) => string | undefined;

/** What a scheme proved about a delivery. */
export interface Checked {
  /** The vendor's delivery id, when it sends one. */
  deliveryId?: string | undefined;
  /** Unix seconds, when the scheme signs one. */
  timestamp?: number | undefined;
  /**
   * The decoded signature (or, for unsigned schemes, a digest of the body): one per delivery. A
   * hex signature stays text (lower-case, checked against the HMAC's own).
   */
  fingerprint: Buffer | string;
}

/** The body as received: text is hashed as UTF-8 where it is, without a copy. */
export type RawBody = string | Buffer;

export type SchemeCheck = (get: HeaderGetter, body: RawBody) => Checked;

/** Unix seconds written as plain digits (no sign, no exponent, no fraction). */
export function parseTimestamp(value: string | undefined): number {
  const text = value?.trim();
  if (!text || !/^\d{1,12}$/.test(text)) {
    throw new WebhookVerificationError(
      "missing-timestamp",
      "Webhook has no valid timestamp header.",
    );
  }
  return Number(text);
}
