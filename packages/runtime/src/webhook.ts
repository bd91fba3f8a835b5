import { createHmac, timingSafeEqual } from "node:crypto";
import { OptionsError, RuntimeError } from "./errors.js";
import { expectNonEmptyString, expectNonNegativeNumber, expectOneOf } from "./validate.js";

/** Records delivery ids; `true` when `id` was already seen (a replay). */
export interface ReplayStore {
  seen(id: string, expiresAtMs: number): boolean | Promise<boolean>;
}

export type WebhookScheme =
  | {
      /** Plain HMAC-SHA256 over the raw body (GitHub, Shopify, …), optionally with a timestamp. */
      type: "hmac-sha256";
      secret: string;
      /** Signature header. Default "x-signature". */
      header?: string;
      /** Text before the digest, e.g. "sha256=". */
      prefix?: string;
      encoding?: "hex" | "base64";
      /** Timestamp header (unix seconds); when set, the signed payload is `${timestamp}.${body}`. */
      timestampHeader?: string;
      /** Delivery-id header used for replay protection (else the signature itself). */
      idHeader?: string;
    }
  | {
      /** Standard Webhooks (standardwebhooks.com): webhook-id/-timestamp/-signature, `whsec_` keys. */
      type: "standard";
      secret: string;
    };

export interface VerifyWebhookOptions {
  scheme: WebhookScheme;
  /** The raw body, exactly as received: never re-serialised JSON. */
  body: string | Uint8Array;
  headers: Headers | Record<string, string | string[] | undefined>;
  /** Allowed clock skew either way, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Replay protection; recommended in production (see createReplayStore). */
  replay?: ReplayStore;
  /** Clock, in ms; injectable for tests. */
  now?: () => number;
}

export type WebhookFailure =
  | "missing-signature"
  | "invalid-signature"
  | "missing-timestamp"
  | "stale"
  | "replayed";

export class WebhookVerificationError extends RuntimeError {
  override readonly name = "WebhookVerificationError";
  constructor(
    readonly reason: WebhookFailure,
    message: string,
  ) {
    super(`WEBHOOK_${reason.toUpperCase().replace("-", "_")}`, message);
  }
}

export interface VerifiedWebhook {
  /** Delivery id (or the signature when the scheme has none). */
  id: string;
  /** Unix seconds, when the scheme signs one. */
  timestamp: number | undefined;
}

/**
 * Checks a webhook before anything reads its body: signature (constant-time), timestamp within
 * tolerance, and not seen before. Resolves with the delivery id; rejects with a
 * WebhookVerificationError whose `reason` says which check failed.
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<VerifiedWebhook> {
  const scheme = options.scheme;
  expectOneOf("scheme.type", scheme?.type, ["hmac-sha256", "standard"] as const);
  expectNonEmptyString("scheme.secret", scheme.secret);
  const tolerance = expectNonNegativeNumber("toleranceSeconds", options.toleranceSeconds ?? 300);
  const nowMs = (options.now ?? Date.now)();
  const get = headerReader(options.headers);
  const body =
    typeof options.body === "string" ? Buffer.from(options.body) : Buffer.from(options.body);

  const checked =
    scheme.type === "standard" ? standard(scheme.secret, get, body) : hmac(scheme, get, body);
  if (checked.timestamp !== undefined && Math.abs(nowMs / 1000 - checked.timestamp) > tolerance) {
    throw new WebhookVerificationError(
      "stale",
      "Webhook timestamp is outside the allowed tolerance.",
    );
  }
  if (options.replay) {
    const expires = nowMs + tolerance * 1000 * 2;
    if (await options.replay.seen(checked.id, expires)) {
      throw new WebhookVerificationError("replayed", "Webhook delivery was already processed.");
    }
  }
  return checked;
}

type Get = (name: string) => string | undefined;

function hmac(
  scheme: Extract<WebhookScheme, { type: "hmac-sha256" }>,
  get: Get,
  body: Buffer,
): VerifiedWebhook {
  const encoding =
    scheme.encoding === undefined
      ? "hex"
      : expectOneOf("scheme.encoding", scheme.encoding, ["hex", "base64"] as const);
  const header = scheme.header ?? "x-signature";
  const raw = get(header);
  if (!raw)
    throw new WebhookVerificationError("missing-signature", `Webhook has no \`${header}\` header.`);
  const prefix = scheme.prefix ?? "";
  if (!raw.startsWith(prefix)) throw invalid();
  let timestamp: number | undefined;
  const mac = createHmac("sha256", scheme.secret);
  if (scheme.timestampHeader) {
    timestamp = parseTimestamp(get(scheme.timestampHeader));
    mac.update(`${timestamp}.`);
  }
  const expected = mac.update(body).digest();
  if (!safeEqual(expected, Buffer.from(raw.slice(prefix.length).trim(), encoding))) throw invalid();
  const id = (scheme.idHeader ? get(scheme.idHeader) : undefined) ?? raw;
  return { id, timestamp };
}

function standard(secret: string, get: Get, body: Buffer): VerifiedWebhook {
  const id = get("webhook-id");
  const signatures = get("webhook-signature");
  if (!id || !signatures) {
    throw new WebhookVerificationError(
      "missing-signature",
      "Webhook has no `webhook-id`/`webhook-signature` header.",
    );
  }
  const timestamp = parseTimestamp(get("webhook-timestamp"));
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  if (key.length === 0)
    throw new OptionsError(
      "scheme.secret",
      "Expected `scheme.secret` to be a base64 key, optionally prefixed `whsec_`.",
    );
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
  // Space-separated `v1,<base64>` entries: several during key rotation; any valid one passes.
  const ok = signatures
    .split(" ")
    .map((entry) => entry.split(","))
    .some(
      ([version, sig]) =>
        version === "v1" && sig !== undefined && safeEqual(expected, Buffer.from(sig, "base64")),
    );
  if (!ok) throw invalid();
  return { id, timestamp };
}

function parseTimestamp(value: string | undefined): number {
  const seconds = Number(value);
  if (!value || !Number.isInteger(seconds)) {
    throw new WebhookVerificationError(
      "missing-timestamp",
      "Webhook has no valid timestamp header.",
    );
  }
  return seconds;
}

function safeEqual(expected: Buffer, given: Buffer): boolean {
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function invalid(): WebhookVerificationError {
  return new WebhookVerificationError("invalid-signature", "Webhook signature does not match.");
}

function headerReader(headers: VerifyWebhookOptions["headers"]): Get {
  if (headers instanceof Headers) return (name) => headers.get(name) ?? undefined;
  const lower = new Map<string, string | string[] | undefined>();
  for (const [k, v] of Object.entries(headers)) lower.set(k.toLowerCase(), v);
  return (name) => {
    const value = lower.get(name.toLowerCase());
    return Array.isArray(value) ? value[0] : value;
  };
}

/** In-memory ReplayStore with expiry; use a shared store (Redis, DynamoDB) across instances. */
export function createReplayStore(
  options: { maxEntries?: number; now?: () => number } = {},
): ReplayStore {
  const max = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  return {
    seen(id, expiresAtMs) {
      const t = now();
      const expiry = seen.get(id);
      if (expiry !== undefined && expiry > t) return true;
      seen.delete(id);
      seen.set(id, expiresAtMs);
      // Map iterates in insertion order: evict the oldest entries past the cap.
      for (const [key, at] of seen) {
        if (seen.size <= max && at > t) break;
        seen.delete(key);
      }
      return false;
    },
  };
}
