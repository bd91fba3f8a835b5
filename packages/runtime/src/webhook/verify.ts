import { OptionsError } from "../errors.js";
import { expectPositiveNumber } from "../validate.js";
import type { Checked, HeaderGetter, RawBody } from "./checked.js";
import { WebhookVerificationError } from "./errors.js";
import type { ReplayStore } from "./replay-store.js";
import { checkGithub, checkHmac, checkSlack, hmacKey } from "./scheme-hmac.js";
import { checkOkta } from "./scheme-okta.js";
import { checkStandard } from "./scheme-standard.js";
import { checkStripe } from "./scheme-stripe.js";
import { checkScheme, type WebhookScheme } from "./schemes.js";

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  scheme: WebhookScheme;
  /** The raw body, exactly as received: never re-serialised JSON. */
  body: string | Uint8Array;
  headers: WebhookHeaders;
  /** Allowed clock skew either way, in seconds, and how long ids are held. Default 300. */
  toleranceSeconds?: number;
  /** Replay protection; recommended in production (see createReplayStore). */
  replay?: ReplayStore;
  /** Clock, in ms; injectable for tests. */
  now?: () => number;
}

export interface VerifiedWebhook {
  /** The replay id: the vendor's delivery id, or the timestamp and the decoded signature. */
  id: string;
  /** Unix seconds, when the scheme signs one. */
  timestamp: number | undefined;
}

/**
 * Checks a webhook before anything reads its body: signature (strictly decoded, compared in
 * constant time), timestamp within tolerance, and not seen before. Resolves with the replay id;
 * rejects with a WebhookVerificationError whose `reason` says which check failed, or with an
 * OptionsError when the call itself is wrong (a parsed body, no headers, a zero tolerance).
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<VerifiedWebhook> {
  return verifyParts(options, checkCall(options));
}

/** verifyWebhook on arguments already checked (the receiver reads the headers once). */
export async function verifyParts(
  options: Pick<VerifyWebhookOptions, "scheme" | "replay" | "now">,
  call: { get: HeaderGetter; body: RawBody; toleranceSeconds: number },
): Promise<VerifiedWebhook> {
  const verified = checkParts(options.scheme, (options.now ?? Date.now)(), call);
  if (options.replay) await claimOnce(options.replay, verified.id, call.toleranceSeconds);
  return verified;
}

/** The checks of verifyParts short of the replay store's: signature, then timestamp. */
export function checkParts(
  scheme: WebhookScheme,
  nowMs: number,
  { get, body, toleranceSeconds }: { get: HeaderGetter; body: RawBody; toleranceSeconds: number },
): VerifiedWebhook {
  const checked = runScheme(scheme, get, body);
  const timestamp = checked.timestamp;
  if (timestamp !== undefined && Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) {
    throw new WebhookVerificationError(
      "stale",
      "Webhook timestamp is outside the allowed tolerance.",
    );
  }
  const id = checked.deliveryId ?? `${timestamp ?? "-"}.${fingerprintText(checked.fingerprint)}`;
  return { id, timestamp };
}

// the replay id never shows the signature as sent: a hex one (already checked) is decoded
function fingerprintText(fingerprint: Buffer | string): string {
  const bytes = typeof fingerprint === "string" ? Buffer.from(fingerprint, "hex") : fingerprint;
  return bytes.toString("base64url");
}

/** How long a replay id is held: the whole window a timestamp is accepted in, either side of now. */
export function replayHoldMs(toleranceSeconds: number): number {
  return toleranceSeconds * 2000;
}

/** Records a verified delivery's id; a replay is refused. */
async function claimOnce(replay: ReplayStore, id: string, toleranceSeconds: number): Promise<void> {
  if (!(await replay.claim(id, replayHoldMs(toleranceSeconds)))) throw replayed();
}

export function replayed(): WebhookVerificationError {
  return new WebhookVerificationError("replayed", "Webhook delivery was already processed.");
}

function runScheme(scheme: WebhookScheme, get: HeaderGetter, body: RawBody): Checked {
  switch (scheme.type) {
    case "github":
      return checkGithub(hmacKey(scheme), get, body);
    case "stripe":
      return checkStripe(scheme.secret, get, body);
    case "slack":
      return checkSlack(hmacKey(scheme), get, body);
    case "standard":
      return checkStandard(scheme.secret, get, body);
    case "okta":
      return checkOkta(scheme.secret, scheme.header, get, body);
    default:
      return checkHmac(scheme, get, body);
  }
}

/** Refuses a wrong call with an OptionsError naming the argument, never a TypeError. */
export function checkCall(options: VerifyWebhookOptions): {
  get: HeaderGetter;
  body: RawBody;
  toleranceSeconds: number;
} {
  checkScheme(options?.scheme);
  const toleranceSeconds = expectPositiveNumber(
    "toleranceSeconds",
    options.toleranceSeconds ?? 300,
  );
  return { get: headerReader(options.headers), body: rawBody(options.body), toleranceSeconds };
}

export function rawBody(body: unknown): RawBody {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) {
    return Buffer.isBuffer(body)
      ? body
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  throw new OptionsError(
    "body",
    `Expected \`body\` to be the raw body (a string or bytes) exactly as received; got ${body === null ? "null" : typeof body}. A parsed and re-serialised body has other bytes than the ones the vendor signed.`,
  );
}

export function headerReader(headers: unknown): HeaderGetter {
  if (headers instanceof Headers) return (name) => headers.get(name) ?? undefined;
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new OptionsError(
      "headers",
      "Expected `headers` to be the request's headers (a Headers object or a plain object).",
    );
  }
  const record = headers as Record<string, string | string[] | undefined>;
  let lower: Map<string, string | string[] | undefined> | undefined;
  return (name) => {
    // node:http and most frameworks already give lower-case names: look there first
    let value = Object.hasOwn(record, name) ? record[name] : undefined;
    if (value === undefined) {
      lower ??= new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
      value = lower.get(name.toLowerCase());
    }
    return Array.isArray(value) ? value[0] : typeof value === "string" ? value : undefined;
  };
}
