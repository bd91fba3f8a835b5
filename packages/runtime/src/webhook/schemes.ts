import { OptionsError } from "../errors.js";
import { expectNonEmptyString, expectOneOf } from "../validate.js";

/** How a vendor signs its deliveries. `secret` is the shared secret the vendor shows once. */
export type WebhookScheme =
  | {
      /** Plain HMAC-SHA256 over the raw body (Shopify, …), optionally with a timestamp. */
      type: "hmac-sha256";
      secret: string;
      /** Signature header. Default "x-signature". */
      header?: string;
      /** Text before the digest, e.g. "sha256=". */
      prefix?: string;
      encoding?: "hex" | "base64";
      /** Timestamp header (unix seconds); when set, the signed payload is `${timestamp}.${body}`. */
      timestampHeader?: string;
      /** Delivery-id header: the replay id (else the timestamp and the signature's bytes). */
      idHeader?: string;
    }
  /** GitHub: `X-Hub-Signature-256: sha256=<hex>`, delivery id in `X-GitHub-Delivery`. */
  | { type: "github"; secret: string }
  /** Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…]` over `${t}.${body}`. */
  | { type: "stripe"; secret: string }
  /** Slack: `X-Slack-Signature: v0=<hex>` over `v0:${timestamp}:${body}`. */
  | { type: "slack"; secret: string }
  /** Standard Webhooks (standardwebhooks.com): webhook-id/-timestamp/-signature, `whsec_` keys. */
  | { type: "standard"; secret: string }
  /** Okta event hooks: a shared secret in a header (default `Authorization`), no signature. */
  | { type: "okta"; secret: string; header?: string };

export type WebhookSchemeType = WebhookScheme["type"];

export const SCHEME_TYPES: readonly WebhookSchemeType[] = [
  "hmac-sha256",
  "github",
  "stripe",
  "slack",
  "standard",
  "okta",
];

/** The named presets `capkit generate --signature` accepts, besides `hmac-sha256:<header>[:enc]`. */
export const SIGNATURE_PRESETS = ["github", "stripe", "slack", "standard", "okta"] as const;
export type SignaturePreset = (typeof SIGNATURE_PRESETS)[number];

const GENERIC = /^hmac-sha256:([!#$%&'*+\-.^_`|~0-9A-Za-z]+)(?::(hex|base64))?$/;

/**
 * A scheme from its preset name: `github`, `stripe`, `slack`, `standard`, `okta`, or
 * `hmac-sha256:<header>[:hex|base64]` (hex by default).
 */
export function signatureScheme(preset: string, secret: string): WebhookScheme {
  expectNonEmptyString("secret", secret);
  if ((SIGNATURE_PRESETS as readonly string[]).includes(preset)) {
    return { type: preset as SignaturePreset, secret };
  }
  const generic = typeof preset === "string" ? GENERIC.exec(preset) : null;
  if (!generic) {
    throw new OptionsError(
      "signature",
      `Expected \`signature\` to be one of ${SIGNATURE_PRESETS.join(", ")} or hmac-sha256:<header>[:hex|base64]; got ${JSON.stringify(String(preset).slice(0, 40))}.`,
    );
  }
  return {
    type: "hmac-sha256",
    secret,
    header: generic[1]!.toLowerCase(),
    encoding: generic[2] === "base64" ? "base64" : "hex",
  };
}

/** Checks a scheme's options once, before any delivery is looked at. */
export function checkScheme(scheme: unknown): WebhookScheme {
  if (typeof scheme !== "object" || scheme === null) {
    throw new OptionsError(
      "scheme",
      "Expected `scheme` to be an object with a `type` and a `secret`.",
    );
  }
  const s = scheme as WebhookScheme;
  expectOneOf("scheme.type", s.type, SCHEME_TYPES);
  expectNonEmptyString("scheme.secret", s.secret);
  if (s.type === "hmac-sha256" && s.encoding !== undefined) {
    expectOneOf("scheme.encoding", s.encoding, ["hex", "base64"] as const);
  }
  return s;
}
