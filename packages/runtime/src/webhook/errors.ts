import { RuntimeError } from "../errors.js";

export type WebhookFailure =
  | "missing-signature"
  | "invalid-signature"
  | "missing-timestamp"
  | "stale"
  | "replayed";

/** A delivery that failed a check; `reason` says which. The message never holds a secret. */
export class WebhookVerificationError extends RuntimeError {
  override readonly name = "WebhookVerificationError";
  constructor(
    readonly reason: WebhookFailure,
    message: string,
  ) {
    super(`WEBHOOK_${reason.toUpperCase().replace("-", "_")}`, message);
  }
}

export const invalidSignature = (): WebhookVerificationError =>
  new WebhookVerificationError("invalid-signature", "Webhook signature does not match.");

export const missingHeader = (name: string): WebhookVerificationError =>
  new WebhookVerificationError("missing-signature", `Webhook has no \`${name}\` header.`);
