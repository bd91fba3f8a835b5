import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { type Checked, type HeaderGetter, parseTimestamp, type RawBody } from "./checked.js";
import { decode } from "./decode.js";
import { invalidSignature, missingHeader } from "./errors.js";
import { safeEqual, safeEqualText } from "./safe-equal.js";
import type { WebhookScheme } from "./schemes.js";

type Hmac = Extract<WebhookScheme, { type: "hmac-sha256" }>;

type Secret = string | KeyObject;

const keys = new WeakMap<object, { secret: string; key: KeyObject }>();

/**
 * The scheme's secret as a KeyObject, made once per scheme object (a receiver keeps one), so that
 * createHmac does not encode the string again for every delivery; remade if the secret changes.
 */
export function hmacKey(scheme: { readonly secret: string }): KeyObject {
  let held = keys.get(scheme);
  if (held?.secret !== scheme.secret) {
    held = { secret: scheme.secret, key: createSecretKey(scheme.secret, "utf8") };
    keys.set(scheme, held);
  }
  return held.key;
}

/** HMAC-SHA256 over the raw body (with `${timestamp}.` first when the scheme signs one). */
export function checkHmac(scheme: Hmac, get: HeaderGetter, body: RawBody): Checked {
  return checkHmacWith(hmacKey(scheme), scheme, get, body);
}

/** checkHmac with the secret apart, so that a preset's options are one constant. */
function checkHmacWith(
  secret: Secret,
  scheme: Omit<Hmac, "type" | "secret">,
  get: HeaderGetter,
  body: RawBody,
): Checked {
  const header = scheme.header ?? "x-signature";
  const raw = get(header)?.trim();
  if (!raw) throw missingHeader(header);
  const prefix = scheme.prefix ?? "";
  if (!raw.startsWith(prefix)) throw invalidSignature();
  const text = raw.slice(prefix.length);
  const mac = createHmac("sha256", secret);
  const timestamp = scheme.timestampHeader
    ? parseTimestamp(get(scheme.timestampHeader))
    : undefined;
  if (timestamp !== undefined) mac.update(`${timestamp}.`);
  mac.update(body);
  let fingerprint: Buffer | string;
  if ((scheme.encoding ?? "hex") === "hex") {
    // compared as text: only the lower-case hex of the HMAC itself matches (no decoding, no copy)
    if (!safeEqualText(mac.digest("hex"), text)) throw invalidSignature();
    fingerprint = text;
  } else {
    const given = decode(text, "base64", 32);
    if (!given || !safeEqual(mac.digest(), given)) throw invalidSignature();
    fingerprint = given;
  }
  const deliveryId = scheme.idHeader ? get(scheme.idHeader)?.trim() || undefined : undefined;
  return { deliveryId, timestamp, fingerprint };
}

/** GitHub: `X-Hub-Signature-256: sha256=<hex>`; the delivery id is `X-GitHub-Delivery`. */
export function checkGithub(secret: Secret, get: HeaderGetter, body: RawBody): Checked {
  return checkHmacWith(secret, GITHUB, get, body);
}

const GITHUB = { header: "x-hub-signature-256", prefix: "sha256=", idHeader: "x-github-delivery" };

/** Slack: `X-Slack-Signature: v0=<hex>` of `v0:${X-Slack-Request-Timestamp}:${body}`. */
export function checkSlack(secret: Secret, get: HeaderGetter, body: RawBody): Checked {
  const raw = get("x-slack-signature")?.trim();
  if (!raw) throw missingHeader("x-slack-signature");
  const timestamp = parseTimestamp(get("x-slack-request-timestamp"));
  const expected = createHmac("sha256", secret)
    .update(`v0:${timestamp}:`)
    .update(body)
    .digest("hex");
  if (!raw.startsWith("v0=") || !safeEqualText(expected, raw.slice(3))) throw invalidSignature();
  return { timestamp, fingerprint: raw.slice(3) };
}
