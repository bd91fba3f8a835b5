import { expectPositiveInteger } from "../validate.js";

/**
 * Where delivery ids are remembered, so that a replayed delivery is refused. Async and small on
 * purpose: a shared store (Redis: `SET id 1 NX PX ttl` / `DEL id`) implements it in two calls.
 */
export interface ReplayStore {
  /** Records `id` for `ttlMs`; resolves false when it is already recorded (a replay). */
  claim(id: string, ttlMs: number): Promise<boolean>;
  /** Forgets `id`, so that the vendor's retry of a delivery that failed here is accepted. */
  release(id: string): Promise<void>;
}

export interface MemoryReplayStoreOptions {
  /** Most ids held at once; the oldest go first. Default 10,000. */
  maxEntries?: number;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
}

/** In-memory ReplayStore: bounded and expiring. One process only; share a store across workers. */
export function createReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const max = expectPositiveInteger("maxEntries", options.maxEntries ?? 10_000);
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  return {
    async claim(id, ttlMs) {
      const t = now();
      const expiry = seen.get(id);
      if (expiry !== undefined && expiry > t) return false;
      seen.delete(id);
      seen.set(id, t + ttlMs);
      // Map iterates in insertion order: drop expired entries at the front, then any past the cap
      for (const [key, at] of seen) {
        if (seen.size <= max && at > t) break;
        seen.delete(key);
      }
      return true;
    },
    async release(id) {
      seen.delete(id);
    },
  };
}
