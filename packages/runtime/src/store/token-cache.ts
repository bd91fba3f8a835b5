// One OAuth2 token per client for every worker. The token lives sealed in Redis (see seal.ts) and
// in the memory of the processes using it; it is never logged. A short lock (redis-semaphore)
// makes one worker fetch while the others wait, then read what it stored.
import type { Logger } from "../logger.js";
import type { CachedToken, TokenCache } from "../oauth2.js";
import { digest } from "./keys.js";
import type { RedisLink } from "./redis-link.js";
import { seal, sealKey, unseal } from "./seal.js";
import type { TokenScope } from "./state-store.js";

export interface SharedTokenCacheOptions {
  scope: TokenScope;
  keyPrefix: string;
  link: () => Promise<RedisLink>;
  logger: Logger;
}

// The lock is refreshed while the fetch runs (redis-semaphore refreshes at 80 %), so it may be
// short: a worker that dies holding it frees it within this.
const LOCK_TIMEOUT_MS = 5000;
// Longest a worker waits for another's fetch before it fetches itself.
const ACQUIRE_TIMEOUT_MS = 15_000;
const LOCK_RETRY_MS = 50;

export class SharedTokenCache implements TokenCache {
  readonly #options: SharedTokenCacheOptions;
  readonly #key: string;
  readonly #lockKey: string;
  readonly #sealKey: Buffer;
  #local: CachedToken | undefined;
  // The token the API refused (401): ignored in Redis until a fresh one replaces it.
  #rejected: string | undefined;

  constructor(options: SharedTokenCacheOptions) {
    const { scope, keyPrefix } = options;
    const name = digest(scope.tokenUrl, scope.clientId, [...(scope.scopes ?? [])].sort().join(" "));
    this.#options = options;
    this.#key = `${keyPrefix}token:${name}`;
    this.#lockKey = `${keyPrefix}token-lock:${name}`;
    this.#sealKey = sealKey(scope.clientSecret, this.#key);
  }

  /** This process's copy while it is fresh (no round trip), else the one in Redis. */
  get(): CachedToken | undefined | Promise<CachedToken | undefined> {
    const local = this.#local;
    if (local && Date.now() < local.refreshAt) return local;
    return this.#read();
  }

  async set(token: CachedToken): Promise<void> {
    this.#local = token;
    this.#rejected = undefined;
    const link = await this.#options.link();
    const ttl = Math.ceil(token.refreshAt - Date.now());
    if (!link.usable || ttl <= 0) return;
    try {
      await link.client.set(this.#key, seal(token, this.#sealKey, this.#key), "PX", ttl);
      link.ok();
    } catch (error) {
      link.failed(error);
    }
  }

  /**
   * After a 401: this process drops its copy and ignores that token in Redis. The shared copy is
   * left for the next fetch (under the lock) to replace: deleting it could delete a fresh token
   * another worker has just stored.
   */
  delete(): void {
    this.#rejected = this.#local?.token ?? this.#rejected;
    this.#local = undefined;
  }

  async lock<T>(work: () => Promise<T>): Promise<T> {
    const link = await this.#options.link();
    if (!link.usable) return work();
    const mutex = new link.lib.Mutex(link.client, this.#lockKey, {
      lockTimeout: LOCK_TIMEOUT_MS,
      acquireTimeout: ACQUIRE_TIMEOUT_MS,
      retryInterval: LOCK_RETRY_MS,
      // Redis lost while fetching: the fetch goes on; the lock simply expires.
      onLockLost: () => {},
    });
    let held = false;
    try {
      held = await mutex.tryAcquire();
      link.ok();
      if (!held) {
        this.#options.logger.warn(
          { waitedMs: ACQUIRE_TIMEOUT_MS },
          "oauth2 token lock still held by another worker: fetching a token without it",
        );
      }
    } catch (error) {
      link.failed(error);
    }
    try {
      return await work();
    } finally {
      if (held) await mutex.release().catch((error: unknown) => link.failed(error));
    }
  }

  async #read(): Promise<CachedToken | undefined> {
    const link = await this.#options.link();
    if (!link.usable) return undefined;
    try {
      const value = await link.client.get(this.#key);
      link.ok();
      const token = value === null ? undefined : unseal(value, this.#sealKey, this.#key);
      if (!token || token.token === this.#rejected) return undefined;
      this.#local = token;
      return token;
    } catch (error) {
      link.failed(error);
      return undefined;
    }
  }
}
