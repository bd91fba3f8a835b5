import { sleep as defaultSleep } from "./abort.js";
import { readRateLimitHeaders } from "./server-wait.js";
import { expectPositiveNumber } from "./validate.js";
import { WaitRefused } from "./waits.js";

export interface RateLimitOptions {
  requestsPerSecond: number;
  /** Bucket size: requests allowed back to back. Default `max(1, requestsPerSecond)`. */
  burst?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 10 };

export interface AcquireOptions {
  signal?: AbortSignal | undefined;
  /**
   * Longest server-advised pause this caller accepts (maxDelayMs, or what is left of its
   * maxElapsedMs). A longer one rejects at once with `WaitRefused`. Default: no cap.
   */
  maxWaitMs?: number;
  /** Told about each wait before it is taken, with why (for the log). */
  onWait?: (ms: number, reason: string) => void;
}

/**
 * What the HTTP layer asks of a rate limiter. The in-memory `RateLimiter` is the default; a
 * shared store (one budget for many workers) implements the same two methods.
 */
export interface RateGate {
  /** Resolves when the caller may send; rejects with `WaitRefused` or the signal's reason. */
  acquire(options?: AcquireOptions): Promise<void>;
  /** Learn from a response's rate-limit headers. */
  observe(headers: Headers): void;
}

type Clock = () => number;
type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Token bucket, plus the server's own view: when `X-RateLimit-*` / `RateLimit-*` headers say the
 * window is nearly spent, requests are spread over what is left of it, or paused until the reset
 * when it is spent.
 */
export class RateLimiter implements RateGate {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: Clock;
  readonly #sleep: Sleep;
  #tokens: number;
  #updated: number;
  // Server-advised: no request before #notBefore; #spacing between requests until #windowEnd.
  #notBefore = 0;
  #spacing = 0;
  #windowEnd = 0;
  #lastGrant = Number.NEGATIVE_INFINITY;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    options: RateLimitOptions,
    clock: Clock = () => performance.now(),
    sleep: Sleep = defaultSleep,
  ) {
    this.#rate = expectPositiveNumber("rateLimit.requestsPerSecond", options.requestsPerSecond);
    this.#burst = expectPositiveNumber("rateLimit.burst", options.burst ?? Math.max(1, this.#rate));
    this.#now = clock;
    this.#sleep = sleep;
    this.#tokens = this.#burst;
    this.#updated = clock();
  }

  /** Requests are granted in arrival order. */
  acquire(options: AcquireOptions = {}): Promise<void> {
    const turn = this.#queue.then(() => this.#take(options));
    // A cancelled or refused waiter must not block the ones behind it.
    this.#queue = turn.catch(() => {});
    return turn;
  }

  async #take({ signal, maxWaitMs = Number.POSITIVE_INFINITY, onWait }: AcquireOptions) {
    signal?.throwIfAborted();
    const now = this.#now();
    this.#refill(now);
    const bucket = this.#tokens >= 1 ? 0 : ((1 - this.#tokens) / this.#rate) * 1000;
    const reset = this.#notBefore - now;
    // Spreading the rest of a window is a preference: never longer than the caller's cap.
    const pacing =
      now < this.#windowEnd ? Math.min(this.#lastGrant + this.#spacing - now, maxWaitMs) : 0;
    if (reset > maxWaitMs) throw new WaitRefused(reset, "rate-limit reset");
    const wait = Math.max(bucket, reset, pacing);
    if (wait > 0) {
      const reason =
        wait === reset ? "rate-limit reset" : wait === pacing ? "rate-limit pacing" : "rate limit";
      onWait?.(wait, reason);
      await this.#sleep(wait, signal);
      // The pause is served (also when an injected sleep returns at once).
      if (wait === reset) this.#notBefore = 0;
      this.#refill(this.#now());
    }
    this.#tokens -= 1;
    this.#lastGrant = this.#now();
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updated);
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed / 1000) * this.#rate);
    this.#updated = now;
  }

  observe(headers: Headers, wallNow = Date.now()): void {
    const info = readRateLimitHeaders(headers, wallNow);
    if (!info) return;
    const now = this.#now();
    if (info.remaining <= 0) {
      this.#notBefore = Math.max(this.#notBefore, now + info.resetMs);
    } else if (info.resetMs > 0) {
      this.#windowEnd = now + info.resetMs;
      this.#spacing = info.resetMs / info.remaining;
    }
  }
}

/** A `RateGate` given as the `rateLimit` option (e.g. a shared store) rather than options. */
export function isRateGate(value: unknown): value is RateGate {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as RateGate).acquire === "function" &&
    typeof (value as RateGate).observe === "function"
  );
}

export { type RateLimitInfo, readRateLimitHeaders } from "./server-wait.js";
