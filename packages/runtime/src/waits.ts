// Every wait is bounded: a backoff by maxDelayMs, a server-advised wait (Retry-After, a
// rate-limit reset) by maxDelayMs and by what is left of maxElapsedMs. A server-advised wait past
// that cap is not taken: the call fails at once, saying when the API accepts calls again.
import { describeRetryAt, IntegrationError } from "./errors.js";
import { type RetryPolicy, retryDelay } from "./retry-policy.js";
import { advisedWait } from "./server-wait.js";

/** The time budget of one call (all attempts and waits): `maxElapsedMs` from its start. */
export class Budget {
  readonly #started = performance.now();
  readonly #maxElapsedMs: number;
  // Planned waits count even when an injected sleep returns at once (tests).
  #waited = 0;

  constructor(maxElapsedMs: number) {
    this.#maxElapsedMs = maxElapsedMs;
  }

  /** Milliseconds left, counting the larger of real time and planned waits. */
  leftMs(): number {
    return this.#maxElapsedMs - Math.max(performance.now() - this.#started, this.#waited);
  }

  spend(ms: number): void {
    this.#waited += ms;
  }

  get maxElapsedMs(): number {
    return this.#maxElapsedMs;
  }
}

export type WaitPlan =
  | { wait: true; ms: number; reason: string }
  /** `advised`: the server asked for this wait (and the caller should say when it ends). */
  | { wait: false; ms: number; reason: string; advised: boolean };

/**
 * Pure: the wait before retry number `attempt`, or why there is none. A server-advised wait of
 * zero or less is the base delay (a retry at once turns an outage into a storm).
 */
export function planRetryWait(
  policy: RetryPolicy,
  attempt: number,
  headers: Headers | undefined,
  budgetLeftMs: number,
  now = Date.now(),
): WaitPlan {
  const advised = headers ? advisedWait(headers, now) : undefined;
  const ms = retryDelay(policy, attempt, headers, now);
  let reason = "backoff";
  if (advised) reason = advised.ms <= 0 ? `${advised.reason} ≤ 0: base delay` : advised.reason;
  const cap = Math.min(policy.maxDelayMs, budgetLeftMs);
  if (ms <= cap) return { wait: true, ms, reason };
  return { wait: false, ms, reason, advised: advised !== undefined && advised.ms > 0 };
}

/** Thrown by a rate gate when the pause the server asked for is longer than the caller accepts. */
export class WaitRefused extends Error {
  override readonly name = "WaitRefused";
  constructor(
    readonly ms: number,
    readonly reason: string,
  ) {
    super(`a ${reason} wait of ${Math.round(ms)} ms is past the cap`);
  }
}

/** The retryable RATE_LIMITED error for a server-advised wait past the cap. */
export function rateLimitedError(
  operation: string,
  ms: number,
  reason: string,
  capMs: number,
): IntegrationError {
  const retryAt = new Date(Date.now() + ms);
  return new IntegrationError(
    "RATE_LIMITED",
    `${operation}: the API asked for a ${reason} wait of ${Math.ceil(ms / 1000)} s, past the ${Math.round(capMs)} ms cap (maxDelayMs or what is left of maxElapsedMs); the API accepts calls again at ${describeRetryAt(retryAt)}`,
    { operation, retryable: true, retryAt },
  );
}
