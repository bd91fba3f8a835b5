// The shared budget is a fixed window counted in Redis by rate-limiter-flexible, which keys its
// windows in whole seconds. These pure functions turn a rate into such a window, and spread the
// window's points evenly over it, so that eight workers do not send twenty requests at once at
// the start of each second (a burst most vendors' limiters refuse).

export interface WindowPlan {
  /** Requests allowed in one window. */
  points: number;
  /** The window, in whole seconds. */
  durationSec: number;
}

const LONGEST_EXACT_WINDOW_SEC = 60;

/**
 * The shortest whole-second window holding a whole number of requests at `requestsPerSecond`
 * (20/s → 20 per 1 s; 2.5/s → 5 per 2 s; 1/3 → 1 per 3 s). A rate with no such window within a
 * minute gets the window that rounds it down the least: never up, the budget is a ceiling.
 */
export function windowPlan(requestsPerSecond: number): WindowPlan {
  let best: WindowPlan | undefined;
  for (let durationSec = 1; durationSec <= LONGEST_EXACT_WINDOW_SEC; durationSec++) {
    const exact = requestsPerSecond * durationSec;
    const whole = Math.round(exact);
    if (whole >= 1 && Math.abs(exact - whole) < 1e-9) return { points: whole, durationSec };
    const points = Math.floor(exact);
    if (points >= 1 && (!best || points / durationSec > best.points / best.durationSec)) {
      best = { points, durationSec };
    }
  }
  // Slower than one a minute: one request per window of the rate's own length.
  return best ?? { points: 1, durationSec: Math.ceil(1 / requestsPerSecond) };
}

/**
 * How long the holder of point number `consumed` of a window waits for its turn: point k goes
 * out (k - 1) intervals after the window opened. `msBeforeNext` is what is left of the window
 * (the key's TTL), which tells when it opened without trusting another machine's clock.
 */
export function slotDelayMs(plan: WindowPlan, consumed: number, msBeforeNext: number): number {
  const windowMs = plan.durationSec * 1000;
  const elapsed = windowMs - Math.min(windowMs, Math.max(0, msBeforeNext));
  return Math.max(0, (consumed - 1) * (windowMs / plan.points) - elapsed);
}

/** The per-process share of a budget while the shared one cannot be reached. */
export function fallbackRate(requestsPerSecond: number, workers: number): number {
  return requestsPerSecond / Math.max(1, workers);
}
