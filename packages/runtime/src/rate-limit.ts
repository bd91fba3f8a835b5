import { sleep as defaultSleep } from "./abort.js";
import { expectPositiveNumber } from "./validate.js";

export interface RateLimitOptions {
  requestsPerSecond: number;
  /** Bucket size: requests allowed back to back. Default `max(1, requestsPerSecond)`. */
  burst?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { requestsPerSecond: 10 };

type Clock = () => number;
type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Token bucket, plus the server's own view: when `X-RateLimit-*` / `RateLimit-*` headers say the
 * window is nearly spent, requests are spread over what is left of it (or paused until reset).
 */
export class RateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: Clock;
  readonly #sleep: Sleep;
  #tokens: number;
  #updated: number;
  // Server-advised pacing: no request before #notBefore; #spacing between requests until #windowEnd.
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

  /** Resolves when the caller may send; requests are granted in arrival order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.#queue.then(() => this.#take(signal));
    // A cancelled waiter must not block the ones behind it.
    this.#queue = turn.catch(() => {});
    return turn;
  }

  async #take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.#waitMs();
      if (wait <= 0) break;
      await this.#sleep(wait, signal);
    }
    this.#tokens -= 1;
    this.#lastGrant = this.#now();
  }

  #waitMs(): number {
    const now = this.#now();
    this.#tokens = Math.min(
      this.#burst,
      this.#tokens + ((now - this.#updated) / 1000) * this.#rate,
    );
    this.#updated = now;
    let wait = this.#tokens >= 1 ? 0 : ((1 - this.#tokens) / this.#rate) * 1000;
    wait = Math.max(wait, this.#notBefore - now);
    if (now < this.#windowEnd) wait = Math.max(wait, this.#lastGrant + this.#spacing - now);
    return wait;
  }

  /** Learn from a response's rate-limit headers. */
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

export interface RateLimitInfo {
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/**
 * Pure: remaining/reset from `X-RateLimit-Remaining`+`X-RateLimit-Reset` (delta seconds, or epoch
 * seconds as GitHub sends), `RateLimit-Remaining`+`RateLimit-Reset`, or the structured
 * `RateLimit: remaining=…, reset=…` field of the IETF draft.
 */
export function readRateLimitHeaders(
  headers: Headers,
  wallNow = Date.now(),
): RateLimitInfo | undefined {
  let remaining = headers.get("x-ratelimit-remaining") ?? headers.get("ratelimit-remaining");
  let reset = headers.get("x-ratelimit-reset") ?? headers.get("ratelimit-reset");
  const structured = headers.get("ratelimit");
  if (remaining === null && structured) {
    remaining = /\bremaining\s*=\s*(\d+)/i.exec(structured)?.[1] ?? null;
    reset = /\breset\s*=\s*(\d+)/i.exec(structured)?.[1] ?? reset;
  }
  if (remaining === null) return undefined;
  const left = Number(remaining);
  if (!Number.isFinite(left)) return undefined;
  const value = reset === null ? Number.NaN : Number(reset);
  let resetMs = 1000;
  if (Number.isFinite(value) && value >= 0) {
    // Values this large are epoch seconds, not a delta (no window lasts 30 years).
    resetMs = value > 1e9 ? Math.max(0, value * 1000 - wallNow) : value * 1000;
  }
  return { remaining: left, resetMs };
}
