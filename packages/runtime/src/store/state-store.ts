import { memoryTokenCache, type TokenCache } from "../oauth2.js";
import { type RateGate, RateLimiter, type RateLimitOptions } from "../rate-limit.js";
import { createReplayStore, type ReplayStore } from "../webhook/replay-store.js";

/** Who draws from one rate-limit budget: one vendor, one credential. */
export interface BudgetScope {
  /** The API's host (readable in keys and logs). */
  vendor: string;
  /** A digest naming the credential; never the credential itself. */
  credential: string;
}

/** The OAuth2 client whose token is cached. */
export interface TokenScope {
  tokenUrl: string;
  clientId: string;
  /** Seals the cached token in a shared store; never stored or logged. */
  clientSecret: string;
  scopes?: readonly string[] | undefined;
}

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Where the state that many workers of one integration may share is kept: the rate-limit budget,
 * the OAuth2 token and the webhook replay ids. `createMemoryStore()` (the default) keeps each in
 * this process; `createRedisStore()` shares them through Redis.
 */
export interface StateStore {
  readonly kind: "memory" | "redis";
  /** The budget of one vendor and credential (`sleep` is the client's, injectable in tests). */
  rateGate(scope: BudgetScope, limit: RateLimitOptions, sleep?: Sleep): RateGate;
  /** The token cache of one OAuth2 client. */
  tokenCache(scope: TokenScope): TokenCache;
  /** The replay ids of the receivers named `namespace`. */
  replayStore(namespace: string): ReplayStore;
  /** Closes connections and timers (a memory store has none). */
  close(): Promise<void>;
}

let processReplays: ReplayStore | undefined;

/**
 * Today's behaviour: a budget and a token cache per client, one replay store for this process's
 * receivers. Nothing is shared with other processes.
 */
export function createMemoryStore(): StateStore {
  return {
    kind: "memory",
    rateGate: (_scope, limit, sleep) => new RateLimiter(limit, undefined, sleep),
    tokenCache: () => memoryTokenCache(),
    replayStore: () => {
      processReplays ??= createReplayStore();
      return processReplays;
    },
    close: async () => {},
  };
}
