// Webhooks: signature presets, strict verification, replay ids, and the receiver base class.

export { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, readBody } from "./body.js";
export { type RawDelivery, WebhookCapability, type WebhookOptions } from "./capability.js";
export { decodeBase64, decodeHex } from "./decode.js";
export { type WebhookFailure, WebhookVerificationError } from "./errors.js";
export { type EventHandler, type HandlerResult, on, type WebhookDelivery } from "./handler.js";
export { nodeListener, toWebRequest, type WebRequestHandler } from "./node.js";
export {
  createReplayStore,
  type MemoryReplayStoreOptions,
  type ReplayStore,
} from "./replay-store.js";
export { toResponse, type WebhookOutcome } from "./respond.js";
export { findRoute, type WebhookField, type WebhookRoute } from "./route.js";
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
