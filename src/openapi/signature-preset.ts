import type { OpenAPIV3Document } from "./types.js";
import { headerParams, indexWebhooks } from "./webhooks.js";

/** Header names that give a vendor's signing scheme away, in the order they are tried. */
const BY_HEADER: [string, string][] = [
  ["x-hub-signature-256", "github"],
  ["stripe-signature", "stripe"],
  ["x-slack-signature", "slack"],
  ["webhook-signature", "standard"],
  ["x-okta-verification-challenge", "okta"],
];

/** The signature preset the document's webhook headers point to, when they point to one. */
export function detectSignature(document: OpenAPIV3Document): string | undefined {
  const names = new Set<string>();
  for (const event of indexWebhooks(document).events.slice(0, 50)) {
    for (const param of headerParams(document, event)) names.add(param.name.toLowerCase());
  }
  return BY_HEADER.find(([header]) => names.has(header))?.[1];
}

/** What `--signature` accepts: a preset name or `hmac-sha256:<header>[:hex|base64]`. */
export const SIGNATURE_PRESETS = ["github", "stripe", "slack", "standard", "okta"] as const;
const GENERIC = /^hmac-sha256:[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?::(?:hex|base64))?$/;

/** A message saying what is wrong with a `--signature` value, or undefined when it is valid. */
export function signatureProblem(value: string): string | undefined {
  if ((SIGNATURE_PRESETS as readonly string[]).includes(value) || GENERIC.test(value))
    return undefined;
  return `${JSON.stringify(value)} is not a signature scheme: use ${SIGNATURE_PRESETS.join(", ")} or hmac-sha256:<header>[:hex|base64]`;
}
