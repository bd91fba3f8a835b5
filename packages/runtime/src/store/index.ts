// Shared state for many workers of one integration: rate-limit budgets, OAuth2 tokens, replay ids.
export { setStateStore, stateStore } from "./default.js";
export { createRedisStore, type RedisStoreOptions } from "./redis-store.js";
export {
  type BudgetScope,
  createMemoryStore,
  type StateStore,
  type TokenScope,
} from "./state-store.js";
