// Webhook replay ids shared by every receiver: `SET id NX PX ttl` in Redis. Each receiver also
// remembers the ids it claimed (a bounded in-memory store), so it keeps refusing its own replays
// while Redis is lost; the ids it claimed meanwhile are written to Redis when it comes back.
import { createReplayStore, type ReplayStore } from "../webhook/replay-store.js";
import { digest } from "./keys.js";
import type { RedisLink } from "./redis-link.js";

export interface SharedReplayStoreOptions {
  namespace: string;
  keyPrefix: string;
  link: () => Promise<RedisLink>;
}

// Claims made while Redis was lost, written to Redis on rejoin: at most this many are kept.
const MAX_PENDING = 10_000;

export class SharedReplayStore implements ReplayStore {
  readonly #options: SharedReplayStoreOptions;
  readonly #local = createReplayStore();
  readonly #pending = new Map<string, number>();
  #listening = false;

  constructor(options: SharedReplayStoreOptions) {
    this.#options = options;
  }

  async claim(id: string, ttlMs: number): Promise<boolean> {
    const link = await this.#options.link();
    if (!(await this.#local.claim(id, ttlMs))) return false;
    const key = this.#key(id);
    if (link.usable) {
      try {
        const set = await link.client.set(key, "1", "PX", Math.ceil(ttlMs), "NX");
        link.ok();
        return set === "OK";
      } catch (error) {
        link.failed(error);
      }
    }
    this.#remember(link, key, Date.now() + ttlMs);
    return true;
  }

  async release(id: string): Promise<void> {
    await this.#local.release(id);
    const key = this.#key(id);
    this.#pending.delete(key);
    const link = await this.#options.link();
    if (!link.usable) return;
    try {
      await link.client.del(key);
      link.ok();
    } catch (error) {
      link.failed(error);
    }
  }

  // Ids can be long (a timestamp and a signature): their digest is the key, and never reveals them.
  #key(id: string): string {
    return `${this.#options.keyPrefix}replay:${this.#options.namespace}:${digest(id)}`;
  }

  #remember(link: RedisLink, key: string, expiresAt: number): void {
    if (this.#pending.size >= MAX_PENDING) {
      const oldest = this.#pending.keys().next().value;
      if (oldest !== undefined) this.#pending.delete(oldest);
    }
    this.#pending.set(key, expiresAt);
    if (this.#listening) return;
    this.#listening = true;
    link.onRejoin(() => void this.#flush(link));
  }

  async #flush(link: RedisLink): Promise<void> {
    const now = Date.now();
    for (const [key, expiresAt] of this.#pending) {
      this.#pending.delete(key);
      if (expiresAt <= now) continue;
      try {
        await link.client.set(key, "1", "PX", Math.ceil(expiresAt - now), "NX");
      } catch (error) {
        link.failed(error);
        this.#pending.set(key, expiresAt);
        return;
      }
    }
  }
}
