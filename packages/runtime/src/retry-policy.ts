import { sleep as defaultSleep } from "./abort.js";
import { isRetryableStatus, OptionsError } from "./errors.js";
import { advisedWait } from "./server-wait.js";
import { expectFunction, expectNonNegativeInteger, expectPositiveNumber } from "./validate.js";

export { retryAfterMs } from "./server-wait.js";

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** First backoff ceiling; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * Ceiling of any one wait. Default 30 s. A server asking for longer (Retry-After, a rate-limit
   * reset) gets a RATE_LIMITED error at once instead, saying when the API accepts calls again.
   */
  maxDelayMs?: number;
  /**
   * Budget for one call: every attempt (body included) and every wait together. A wait that would
   * pass it is not taken, and an attempt still running when it runs out is aborted. Default 120 s.
   */
  maxElapsedMs?: number;
  /** Methods that may be retried. Default: the idempotent ones (RFC 9110 §9.2.2). */
  methods?: string[];
  /** Statuses that are retried. Default 408, 429 and every 5xx. */
  statuses?: number[];
  /** Injectable wait (retries and rate-limit pauses): tests record delays instead of waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxElapsedMs: number;
  readonly methods: ReadonlySet<string>;
  readonly statuses: ReadonlySet<number> | undefined;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const IDEMPOTENT = ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"];

/** Defaults once, validated once, at construction. `false` means a single attempt. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...resolveRetryPolicy({}), retries: 0 };
  const o = options ?? {};
  const retries = expectNonNegativeInteger("retry.retries", o.retries ?? 3);
  const baseDelayMs = expectPositiveNumber("retry.baseDelayMs", o.baseDelayMs ?? 500);
  const maxDelayMs = expectPositiveNumber("retry.maxDelayMs", o.maxDelayMs ?? 30_000);
  const maxElapsedMs = expectPositiveNumber("retry.maxElapsedMs", o.maxElapsedMs ?? 120_000);
  if (o.sleep !== undefined) expectFunction("retry.sleep", o.sleep);
  if (o.methods !== undefined && !Array.isArray(o.methods)) {
    throw new OptionsError(
      "retry.methods",
      "Expected `retry.methods` to be an array of HTTP methods.",
    );
  }
  if (o.statuses !== undefined && !o.statuses.every((s) => Number.isInteger(s) && s >= 100)) {
    throw new OptionsError(
      "retry.statuses",
      "Expected `retry.statuses` to be an array of HTTP statuses.",
    );
  }
  return {
    retries,
    baseDelayMs,
    maxDelayMs: Math.max(maxDelayMs, baseDelayMs),
    maxElapsedMs,
    methods: new Set((o.methods ?? IDEMPOTENT).map((m) => m.toUpperCase())),
    statuses: o.statuses ? new Set(o.statuses) : undefined,
    sleep: o.sleep ?? defaultSleep,
  };
}

export interface AttemptOutcome {
  method: string;
  /** The operation is marked idempotent (`idempotent` option): retried whatever its method. */
  idempotent?: boolean;
  /** 1-based number of the attempt that just finished. */
  attempt: number;
  /** HTTP status, or undefined for a network error / per-attempt timeout. */
  status?: number | undefined;
}

/** Pure: may this outcome be retried at all (ignoring the time budget)? */
export function shouldRetry(policy: RetryPolicy, outcome: AttemptOutcome): boolean {
  if (outcome.attempt > policy.retries) return false;
  if (!outcome.idempotent && !policy.methods.has(outcome.method.toUpperCase())) return false;
  if (outcome.status === undefined) return true;
  return policy.statuses ? policy.statuses.has(outcome.status) : isRetryableStatus(outcome.status);
}

/**
 * Pure: exponential backoff with full jitter over [0, cap], floored at half the base delay so a
 * retry never fires immediately (a zero first wait turns an outage into a retry storm).
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(policy.baseDelayMs / 2, random() * cap);
}

/**
 * Pure: how long to wait before the next attempt. The server's word (Retry-After, or the reset of
 * a spent rate-limit window) wins over our backoff; a word of zero or less means the base delay.
 * Whether the wait is within bounds is `planRetryWait`'s question (waits.ts).
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  headers?: Headers,
  now = Date.now(),
  random = Math.random,
): number {
  const advised = headers ? advisedWait(headers, now) : undefined;
  if (advised === undefined) return backoffDelay(policy, attempt, random);
  return advised.ms > 0 ? advised.ms : policy.baseDelayMs;
}
