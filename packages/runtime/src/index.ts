// @capkit/runtime: the platform capability model and the resilience layer generated clients run on.
// This package never imports from the generator; generated code imports only this entry point.

// Generated record schemas use zod; re-exported so an integration needs no other dependency.
export { z } from "zod";
export { AUTH_TYPES, type Auth } from "./auth.js";
export { BaseCapability, type CapabilityOptions } from "./capability.js";
export { type CapabilityInfo, SURFACES, type Surface } from "./capability-info.js";
export {
  type CheckRecordsOptions,
  checkRecords,
  DEFAULT_MAX_INVALID_RATIO,
} from "./checked-records.js";
export { mapConcurrent } from "./concurrency.js";
export {
  IntegrationError,
  type IntegrationErrorOptions,
  NotImplementedError,
  OptionsError,
  RuntimeError,
  redactSnippet,
} from "./errors.js";
export { createFilter, type Filter, isNonPublicAddress } from "./filter.js";
export { createHttp, type Http, type HttpOptions, readJson, unwrap } from "./http.js";
export { createJob, type Job, type JobInit, requireSecret } from "./job.js";
export { jsonObject } from "./json-object.js";
export { createLogger, type Logger, type LoggerOptions, log, withSecrets } from "./logger.js";
export {
  ACTIVE_STATUSES,
  Asset,
  Attribute,
  cvssToStatus,
  Integration,
  type PlatformModel,
  Risk,
  type RiskSeverity,
  type RiskState,
  type RiskStatus,
} from "./models.js";
export type {
  CachedToken,
  OAuth2ClientCredentials,
  TokenCache,
  TokenSource,
} from "./oauth2.js";
export { nextLink, type PageStep, type PageStrategy } from "./page-strategies.js";
export { type PaginateOptions, paginate } from "./paginate.js";
export {
  type AcquireOptions,
  type RateGate,
  RateLimiter,
  type RateLimitInfo,
  type RateLimitOptions,
  readRateLimitHeaders,
} from "./rate-limit.js";
export {
  fetchNextPage,
  parseRecord,
  parseRecords,
  readPath,
  recordsAt,
} from "./records.js";
export {
  type CapabilityClass,
  type CapabilityFactory,
  getCapability,
  listCapabilities,
  type RegisteredCapability,
  registerCapability,
  unregisterCapability,
} from "./registry.js";
export type { ResilientFetch, ResilientFetchInit } from "./resilient-fetch.js";
export {
  backoffDelay,
  type RetryOptions,
  type RetryPolicy,
  resolveRetryPolicy,
  retryAfterMs,
  retryDelay,
  shouldRetry,
} from "./retry-policy.js";
export { sanitizeUrl } from "./sanitize.js";
export { advisedWait, isRateLimited, resetToMs } from "./server-wait.js";
export {
  type BudgetScope,
  createMemoryStore,
  createRedisStore,
  type RedisStoreOptions,
  type StateStore,
  setStateStore,
  stateStore,
  type TokenScope,
} from "./store/index.js";
export { WaitRefused } from "./waits.js";
export * from "./webhook/index.js";
