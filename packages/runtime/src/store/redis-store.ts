import { log as defaultLog, type Logger } from "../logger.js";
import type { TokenCache } from "../oauth2.js";
import type { RateGate, RateLimitOptions } from "../rate-limit.js";
import { expectNonEmptyString, expectPositiveInteger, expectPositiveNumber } from "../validate.js";
import type { ReplayStore } from "../webhook/replay-store.js";
import { RedisLink } from "./redis-link.js";
import { SharedReplayStore } from "./replay.js";
import { SharedBudget } from "./shared-budget.js";
import type { BudgetScope, StateStore, TokenScope } from "./state-store.js";
import { SharedTokenCache } from "./token-cache.js";

export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  /** Prefix of every key. Default `capkit:`. */
  keyPrefix?: string;
  /**
   * How many workers share a budget, for the fallback while Redis is lost (each then sends at
   * most budget ÷ workers). Default `CAPKIT_REDIS_WORKERS`, else the live workers last seen in
   * Redis (each registers while connected).
   */
  expectedWorkers?: number;
  /** Default 5,000 ms. */
  connectTimeoutMs?: number;
  /** A command slower than this counts as Redis lost. Default 1,000 ms. */
  commandTimeoutMs?: number;
  /** Where the store reports losing and rejoining Redis. Default: the runtime's `log`. */
  logger?: Logger;
  /** Named in the configuration error (`CAPKIT_REDIS_URL` when the URL came from there). */
  source?: string;
}

// Gates are kept per budget, so every client of one vendor and credential in this process shares
// one (and one fallback share); bounded for processes that serve many customers.
const MAX_GATES = 1000;

/**
 * Opens a Redis-backed store: resolves once connected, rejects with an `OptionsError`
 * (`STATE_STORE_UNREACHABLE`) when Redis cannot be reached.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<StateStore> {
  const store = new RedisStateStore(options);
  await store.connected();
  return store;
}

/** A Redis store that connects on first use (for `CAPKIT_REDIS_URL`); same failure policy. */
export function lazyRedisStore(options: RedisStoreOptions): StateStore {
  return new RedisStateStore(options);
}

class RedisStateStore implements StateStore {
  readonly kind = "redis";
  readonly #link: Promise<RedisLink>;
  readonly #logger: Logger;
  readonly #prefix: string;
  readonly #gates = new Map<string, SharedBudget>();

  constructor(options: RedisStoreOptions) {
    const source = options.source ?? "url";
    const url = expectNonEmptyString(source, options.url);
    this.#logger = options.logger ?? defaultLog.child({ component: "state-store" });
    this.#prefix = options.keyPrefix ?? "capkit:";
    const workers = options.expectedWorkers ?? envWorkers();
    this.#link = RedisLink.open({
      url,
      source,
      keyPrefix: this.#prefix,
      expectedWorkers:
        workers === undefined ? undefined : expectPositiveInteger("expectedWorkers", workers),
      connectTimeoutMs: expectPositiveNumber("connectTimeoutMs", options.connectTimeoutMs ?? 5000),
      commandTimeoutMs: expectPositiveNumber("commandTimeoutMs", options.commandTimeoutMs ?? 1000),
      logger: this.#logger,
    });
    // Awaited by every operation; a store nobody uses must not report an unhandled rejection.
    this.#link.catch(() => {});
  }

  connected(): Promise<void> {
    return this.#link.then(() => undefined);
  }

  // The client's injectable sleep is not taken: one that returns at once (a test's) would make a
  // caller spin against Redis while the window is spent.
  rateGate(scope: BudgetScope, limit: RateLimitOptions): RateGate {
    const requestsPerSecond = expectPositiveNumber(
      "rateLimit.requestsPerSecond",
      limit.requestsPerSecond,
    );
    const name = `${scope.vendor}:${scope.credential}`;
    const id = `${name}@${requestsPerSecond}`;
    let gate = this.#gates.get(id);
    if (!gate) {
      gate = new SharedBudget({
        name,
        vendor: scope.vendor,
        requestsPerSecond,
        link: () => this.#link,
        logger: this.#logger,
      });
      if (this.#gates.size >= MAX_GATES) this.#gates.delete(this.#gates.keys().next().value ?? "");
      this.#gates.set(id, gate);
    }
    return gate;
  }

  tokenCache(scope: TokenScope): TokenCache {
    return new SharedTokenCache({
      scope,
      keyPrefix: this.#prefix,
      link: () => this.#link,
      logger: this.#logger,
    });
  }

  replayStore(namespace: string): ReplayStore {
    return new SharedReplayStore({ namespace, keyPrefix: this.#prefix, link: () => this.#link });
  }

  async close(): Promise<void> {
    const link = await this.#link.catch(() => undefined);
    await link?.close();
  }
}

function envWorkers(): number | undefined {
  const raw = process.env.CAPKIT_REDIS_WORKERS?.trim();
  if (!raw) return undefined;
  const workers = Number(raw);
  return expectPositiveInteger("CAPKIT_REDIS_WORKERS", workers);
}
