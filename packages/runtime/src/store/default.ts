import { lazyRedisStore } from "./redis-store.js";
import { createMemoryStore, type StateStore } from "./state-store.js";

const memory = createMemoryStore();
let configured: StateStore | undefined;

/**
 * The store every client and receiver uses unless given one: the one set with `setStateStore`,
 * else Redis when `CAPKIT_REDIS_URL` is set (connected on first use; unreachable then is a
 * configuration error), else memory.
 */
export function stateStore(): StateStore {
  if (configured) return configured;
  const url = process.env.CAPKIT_REDIS_URL?.trim();
  if (!url) return memory;
  configured = lazyRedisStore({ url, source: "CAPKIT_REDIS_URL" });
  return configured;
}

/** Sets this process's store (`undefined`: back to `CAPKIT_REDIS_URL` or memory). */
export function setStateStore(store: StateStore | undefined): void {
  configured = store;
}
