import { Webhook } from "standardwebhooks";
import { OptionsError } from "../errors.js";
import type { Checked, HeaderGetter, RawBody } from "./checked.js";
import { parseTimestamp } from "./checked.js";
import { decodeBase64 } from "./decode.js";
import { invalidSignature, missingHeader } from "./errors.js";
import { safeEqual } from "./safe-equal.js";

/**
 * Standard Webhooks: the `standardwebhooks` package reads the `whsec_` key and signs
 * `${id}.${timestamp}.${body}`; the comparison is ours, on strictly decoded bytes, so that the
 * clock and the tolerance are the receiver's (the package's verify() reads Date.now() itself).
 */
export function checkStandard(secret: string, get: HeaderGetter, body: RawBody): Checked {
  const deliveryId = get("webhook-id")?.trim();
  if (!deliveryId) throw missingHeader("webhook-id");
  const signatures = get("webhook-signature");
  if (!signatures?.trim()) throw missingHeader("webhook-signature");
  const timestamp = parseTimestamp(get("webhook-timestamp"));
  const expected = Buffer.from(
    signer(secret)
      .sign(deliveryId, new Date(timestamp * 1000), body)
      .slice(3),
    "base64",
  );
  // space-separated `v1,<base64>` entries: several while a key is rotated; any valid one passes
  for (const entry of signatures.trim().split(" ")) {
    const comma = entry.indexOf(",");
    if (entry.slice(0, comma) !== "v1") continue;
    const given = decodeBase64(entry.slice(comma + 1), 32);
    if (given && safeEqual(expected, given)) return { deliveryId, timestamp, fingerprint: given };
  }
  throw invalidSignature();
}

function signer(secret: string): Webhook {
  try {
    return new Webhook(secret);
  } catch {
    throw new OptionsError(
      "scheme.secret",
      "Expected `scheme.secret` to be a base64 key, optionally prefixed `whsec_`.",
    );
  }
}
