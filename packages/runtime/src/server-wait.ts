// What the server says about waiting, read from response headers. Pure functions: the decision
// to wait, and for how long at most, is the caller's (see waits.ts).

/**
 * The server's requested wait from `retry-after-ms` (milliseconds) or `Retry-After` as
 * delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Zero or negative when the server says "now"
 * (or a date already past); undefined when absent or unparseable.
 */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && NUMBER.test(ms)) return Number(ms);
  const after = headers.get("retry-after")?.trim();
  if (!after) return undefined;
  if (NUMBER.test(after)) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : date - now;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

// Above these, a reset is a point in time, not a delta: no window lasts 30 years (1e9 s), and
// epoch milliseconds passed 1e12 in 2001.
const EPOCH_SECONDS = 1e9;
const EPOCH_MILLISECONDS = 1e12;

/** Milliseconds until a rate-limit reset given as delta seconds, epoch seconds or epoch ms. */
export function resetToMs(value: number, now = Date.now()): number {
  if (value > EPOCH_MILLISECONDS) return Math.max(0, value - now);
  if (value > EPOCH_SECONDS) return Math.max(0, value * 1000 - now);
  return Math.max(0, value * 1000);
}

export interface RateLimitInfo {
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

/**
 * Remaining/reset from `X-RateLimit-Remaining`+`X-RateLimit-Reset`,
 * `RateLimit-Remaining`+`RateLimit-Reset`, or the structured `RateLimit: remaining=…, reset=…`
 * field of the IETF draft. A missing or unreadable reset counts as one second.
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
  const resetMs = Number.isFinite(value) && value >= 0 ? resetToMs(value, wallNow) : 1000;
  return { remaining: left, resetMs };
}

export interface AdvisedWait {
  ms: number;
  /** Which header said so, for logs: "Retry-After", "retry-after-ms" or "rate-limit reset". */
  reason: string;
}

/** The wait this response asks for: Retry-After first, else the reset of a spent rate-limit window. */
export function advisedWait(headers: Headers, now = Date.now()): AdvisedWait | undefined {
  const after = retryAfterMs(headers, now);
  if (after !== undefined) {
    const fromMs = NUMBER.test(headers.get("retry-after-ms")?.trim() ?? "");
    return { ms: after, reason: fromMs ? "retry-after-ms" : "Retry-After" };
  }
  const info = readRateLimitHeaders(headers, now);
  if (info && info.remaining <= 0) return { ms: info.resetMs, reason: "rate-limit reset" };
  return undefined;
}

/** 429, or a 403 whose rate-limit headers say the window is spent (GitHub's primary limit). */
export function isRateLimited(status: number, headers: Headers): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  const info = readRateLimitHeaders(headers);
  return info !== undefined && info.remaining <= 0;
}
