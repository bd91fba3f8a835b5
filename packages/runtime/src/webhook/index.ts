// Webhooks: signature presets, strict verification, replay ids, and the receiver base class.
export { decodeBase64, decodeHex } from "./decode.js";
export { type WebhookFailure, WebhookVerificationError } from "./errors.js";
export {
  createReplayStore,
  type MemoryReplayStoreOptions,
  type ReplayStore,
} from "./replay-store.js";
export {
  SIGNATURE_PRESETS,
  type SignaturePreset,
  signatureScheme,
  type WebhookScheme,
  type WebhookSchemeType,
} from "./schemes.js";
export {
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookHeaders,
} from "./verify.js";
