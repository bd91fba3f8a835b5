import { sleep as defaultSleep } from "./abort.js";
import { isRetryableStatus, OptionsError } from "./errors.js";
import {
  expectFunction,
  expectNonNegativeInteger,
  expectNonNegativeNumber,
  expectPositiveNumber,
} from "./validate.js";

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** First backoff ceiling; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Ceiling of one backoff delay. Default 30 s. A server's Retry-After may exceed it (within maxElapsedMs). */
  maxDelayMs?: number;
  /** Budget for all attempts and waits together; a wait that would pass it is not taken. Default 120 s. */
  maxElapsedMs?: number;
  /** Methods that may be retried. Default: the idempotent ones (RFC 9110 §9.2.2). */
  methods?: string[];
  /** Statuses that are retried. Default 408, 429 and every 5xx. */
  statuses?: number[];
  /** Injectable wait: tests record delays instead of waiting. */
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
  const maxElapsedMs = expectNonNegativeNumber("retry.maxElapsedMs", o.maxElapsedMs ?? 120_000);
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
  /** 1-based number of the attempt that just finished. */
  attempt: number;
  /** HTTP status, or undefined for a network error / per-attempt timeout. */
  status?: number | undefined;
}

/** Pure: may this outcome be retried at all (ignoring the time budget)? */
export function shouldRetry(policy: RetryPolicy, outcome: AttemptOutcome): boolean {
  if (outcome.attempt > policy.retries) return false;
  if (!policy.methods.has(outcome.method.toUpperCase())) return false;
  if (outcome.status === undefined) return true;
  return policy.statuses ? policy.statuses.has(outcome.status) : isRetryableStatus(outcome.status);
}

/**
 * Pure: the server's requested wait, from `retry-after-ms` (milliseconds), or `Retry-After` as
 * delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Undefined when absent or unparseable.
 */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get("retry-after")?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Pure: exponential backoff with full jitter over [0, cap], floored at half the base delay so a
 * retry never fires immediately (a zero first wait turns an outage into a retry storm).
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(policy.baseDelayMs / 2, random() * cap);
}

/** Pure: how long to wait before the next attempt; the server's word wins over our backoff. */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  headers?: Headers,
  now = Date.now(),
  random = Math.random,
): number {
  return retryAfterMs(headers, now) ?? backoffDelay(policy, attempt, random);
}
