// One rate-limit budget for every worker of a vendor and credential. rate-limiter-flexible counts
// the window atomically in Redis; each grant then waits for its own slot of the window (see
// budget-plan.ts). A pause the server asks for (Retry-After, a spent RateLimit window) is written
// to Redis, so every worker waits it out. While Redis is lost, each process draws from an
// in-memory budget of its share (budget ÷ workers): never without a limit.
import type { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { sleep } from "../abort.js";
import type { Logger } from "../logger.js";
import type { AcquireOptions, RateGate } from "../rate-limit.js";
import { advisedWait } from "../server-wait.js";
import { WaitRefused } from "../waits.js";
import { fallbackRate, slotDelayMs, type WindowPlan, windowPlan } from "./budget-plan.js";
import type { RedisLink } from "./redis-link.js";

export interface SharedBudgetOptions {
  /** `<vendor>:<credential digest>`: the budget's name in Redis. */
  name: string;
  vendor: string;
  requestsPerSecond: number;
  link: () => Promise<RedisLink>;
  logger: Logger;
}

/** A turn in the budget: go after `ms`, or (not granted) try again after `ms`. */
interface Turn {
  granted: boolean;
  ms: number;
  /** Which budget granted it: a turn is only good in the budget that counted it. */
  shared: boolean;
  /** How late after its slot a turn may still be used. */
  lateMs: number;
}

// A turn may be used this late (or one interval, if longer): timers fire late on a busy machine.
const LATE_MS = 100;

// No vendor asks for a pause longer than a day; a reset further out is a bad header.
const MAX_PAUSE_MS = 86_400_000;

export class SharedBudget implements RateGate {
  readonly #options: SharedBudgetOptions;
  readonly #plan: WindowPlan;
  #link: RedisLink | undefined;
  #shared: RateLimiterRedis | undefined;
  #fallback: Fallback | undefined;
  // This process's copy of the latest pause, kept also when Redis cannot be told.
  #pausedUntil = 0;
  #pauseReason = "rate-limit reset";
  #warnedOutage = 0;

  constructor(options: SharedBudgetOptions) {
    this.#options = options;
    this.#plan = windowPlan(options.requestsPerSecond);
  }

  async acquire(options: AcquireOptions = {}): Promise<void> {
    const { signal, onWait } = options;
    this.#link ??= await this.#options.link();
    const link = this.#link;
    for (;;) {
      signal?.throwIfAborted();
      await this.#waitOutPause(link, options);
      const turn = await this.#draw(link);
      const slot = Date.now() + turn.ms;
      if (turn.ms > 0) {
        onWait?.(turn.ms, "rate limit");
        await sleep(turn.ms, signal);
      }
      if (!turn.granted) continue;
      // Woken well after its slot (this process was stalled): sent now it would land on the
      // next window's turns, a burst the vendor refuses. The slot is given up; draw again.
      if (Date.now() - slot > turn.lateMs) continue;
      // Redis lost or back while this caller waited for its slot: the other budget never
      // counted this turn, so it draws again there (no burst at either switch).
      if (turn.ms > 0 && link.usable !== turn.shared) continue;
      // A pause another worker was told about while this one waited for its slot: the slot is
      // gone; after the pause the caller draws again (else every such caller sends at its end).
      if (turn.ms > 0 && (await this.#waitOutPause(link, options))) continue;
      return;
    }
  }

  observe(headers: Headers): void {
    const advice = advisedWait(headers);
    if (!advice || advice.ms <= 0) return;
    const ms = Math.min(Math.ceil(advice.ms), MAX_PAUSE_MS);
    const until = Date.now() + ms;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.#pauseReason = advice.reason;
    const link = this.#link;
    if (link?.usable) void this.#sharePause(link, ms, advice.reason);
  }

  /** Waits out a pause, local or shared; true when there was one. */
  async #waitOutPause(link: RedisLink, options: AcquireOptions): Promise<boolean> {
    const { signal, maxWaitMs = Number.POSITIVE_INFINITY, onWait } = options;
    const shared = await this.#sharedPause(link);
    const local = this.#pausedUntil - Date.now();
    const left = Math.max(local, shared.ms);
    if (left <= 0) return false;
    const reason = shared.ms > local ? shared.reason : this.#pauseReason;
    if (left > maxWaitMs) throw new WaitRefused(left, reason);
    onWait?.(left, reason);
    await sleep(left, signal);
    return true;
  }

  async #sharedPause(link: RedisLink): Promise<{ ms: number; reason: string }> {
    const none = { ms: 0, reason: this.#pauseReason };
    if (!link.usable) return none;
    const key = link.key("pause", this.#options.name);
    try {
      const replies = await link.client.multi().get(key).pttl(key).exec();
      link.ok();
      const reason = replies?.[0]?.[1];
      const ms = replies?.[1]?.[1];
      if (typeof ms !== "number" || ms <= 0) return none;
      return { ms, reason: typeof reason === "string" ? reason : this.#pauseReason };
    } catch (error) {
      link.failed(error);
      return none;
    }
  }

  /** Sets the shared pause unless a longer one is already set. */
  async #sharePause(link: RedisLink, ms: number, reason: string): Promise<void> {
    const key = link.key("pause", this.#options.name);
    try {
      const set = await link.client.set(key, reason, "PX", ms, "NX");
      if (set === null && (await link.client.pttl(key)) < ms) {
        await link.client.set(key, reason, "PX", ms, "XX");
      }
      link.ok();
    } catch (error) {
      link.failed(error);
    }
  }

  async #draw(link: RedisLink): Promise<Turn> {
    const { RateLimiterRes } = link.lib;
    if (link.usable) {
      try {
        const res = await this.#sharedLimiter(link).consume(this.#options.name);
        link.ok();
        return granted(this.#plan, res, true);
      } catch (error) {
        if (error instanceof RateLimiterRes) return refused(error, true);
        link.failed(error);
      }
    }
    const fallback = this.#fallbackLimiter(link);
    // Each process starts its share at a random point of its interval: the workers that lost
    // Redis together do not all send their first request at the same moment.
    const phase = Math.max(0, fallback.startsAt - Date.now());
    try {
      const turn = granted(
        fallback.plan,
        await fallback.limiter.consume(this.#options.name),
        false,
      );
      return { ...turn, ms: Math.max(turn.ms, phase) };
    } catch (error) {
      if (error instanceof RateLimiterRes) return refused(error, false);
      throw error;
    }
  }

  #sharedLimiter(link: RedisLink): RateLimiterRedis {
    this.#shared ??= new link.lib.RateLimiterRedis({
      storeClient: link.client,
      keyPrefix: link.key("budget"),
      points: this.#plan.points,
      duration: this.#plan.durationSec,
      // Not connected: fail at once (the fallback answers) rather than wait for a reconnect.
      rejectIfRedisNotReady: true,
    });
    return this.#shared;
  }

  #fallbackLimiter(link: RedisLink): Fallback {
    const workers = link.expectedWorkers();
    if (this.#fallback?.workers !== workers || this.#fallback.outage !== link.outages) {
      const plan = windowPlan(fallbackRate(this.#options.requestsPerSecond, workers));
      const limiter = new link.lib.RateLimiterMemory({
        points: plan.points,
        duration: plan.durationSec,
      });
      const interval = (plan.durationSec * 1000) / plan.points;
      const startsAt = Date.now() + Math.random() * interval;
      this.#fallback = { workers, plan, limiter, outage: link.outages, startsAt };
    }
    if (this.#warnedOutage !== link.outages) {
      this.#warnedOutage = link.outages;
      const { points, durationSec } = this.#fallback.plan;
      this.#options.logger.warn(
        {
          vendor: this.#options.vendor,
          budget: this.#options.requestsPerSecond,
          workers,
          perProcess: points / durationSec,
        },
        "shared rate-limit budget unreachable: this process sends at most its share until Redis is back",
      );
    }
    return this.#fallback;
  }
}

/** This process's share of the budget while Redis is lost, new for each outage. */
interface Fallback {
  workers: number;
  plan: WindowPlan;
  limiter: RateLimiterMemory;
  outage: number;
  startsAt: number;
}

function granted(plan: WindowPlan, res: RateLimiterRes, shared: boolean): Turn {
  const ms = slotDelayMs(plan, res.consumedPoints, res.msBeforeNext);
  const lateMs = Math.max(LATE_MS, (plan.durationSec * 1000) / plan.points);
  return { granted: true, ms, shared, lateMs };
}

function refused(res: RateLimiterRes, shared: boolean): Turn {
  return { granted: false, ms: Math.max(1, res.msBeforeNext), shared, lateMs: 0 };
}
