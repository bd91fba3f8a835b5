// One connection to Redis per store, and what the store knows about it: whether it can be used
// now, how many workers share it, and when it was lost and came back. A store that has never
// reached Redis fails with a configuration error; one that loses it later falls back (see
// shared-budget.ts) and rejoins as soon as ioredis reconnects.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Mutex } from "redis-semaphore";
import { OptionsError } from "../errors.js";
import type { Logger } from "../logger.js";
import { sanitizeUrl } from "../sanitize.js";
import { scrubText } from "../secrets.js";

export interface LinkOptions {
  url: string;
  /** Where the URL came from, named in the configuration error: `CAPKIT_REDIS_URL` or `url`. */
  source: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  keyPrefix: string;
  /** The divisor of a budget while Redis is lost; default: the live workers last seen in Redis. */
  expectedWorkers: number | undefined;
  logger: Logger;
}

/** The libraries, loaded only when a Redis store is opened. */
export interface RedisLibraries {
  RateLimiterRedis: typeof RateLimiterRedis;
  RateLimiterMemory: typeof RateLimiterMemory;
  RateLimiterRes: typeof RateLimiterRes;
  Mutex: typeof Mutex;
}

// After a failed command the store stays on its fallback this long before it tries Redis again,
// so a Redis that hangs costs one command timeout a second, not one per request.
const RETRY_AFTER_FAILURE_MS = 1000;
// ioredis reconnects after this at most, so workers rejoin well within 2 s of Redis coming back.
const RECONNECT_MAX_DELAY_MS = 250;
const HEARTBEAT_MS = 1000;
const PEER_EXPIRY_MS = 5000;

export class RedisLink {
  readonly client: Redis;
  readonly lib: RedisLibraries;
  readonly keyPrefix: string;
  /** Outages so far: a gate warns once per outage. */
  outages = 0;
  readonly #options: LinkOptions;
  readonly #id = randomUUID();
  readonly #heartbeat: ReturnType<typeof setInterval>;
  readonly #onRejoin = new Set<() => void>();
  #retryAt = 0;
  #lostAt: number | undefined;
  #peers = 1;
  #closing = false;

  /** Connects, or rejects with an OptionsError naming the URL's source (never its password). */
  static async open(options: LinkOptions): Promise<RedisLink> {
    const [{ Redis }, limiter, { Mutex }] = await Promise.all([
      import("ioredis"),
      import("rate-limiter-flexible"),
      import("redis-semaphore"),
    ]);
    const client = new Redis(options.url, {
      lazyConnect: true,
      // Commands fail at once while disconnected (the fallback answers) instead of queueing.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: options.connectTimeoutMs,
      commandTimeout: options.commandTimeoutMs,
      retryStrategy: (times: number) => Math.min(50 * times, RECONNECT_MAX_DELAY_MS),
      connectionName: "capkit",
    });
    // Connection errors are emitted as events (the link reports them as state changes); the
    // last one says why a first connection failed better than connect()'s "Connection is closed".
    let lastError: unknown;
    client.on("error", (error: unknown) => {
      lastError = error;
    });
    try {
      await client.connect();
    } catch (cause) {
      client.disconnect();
      throw unreachable(options, lastError ?? cause);
    }
    const { RateLimiterRedis, RateLimiterMemory, RateLimiterRes } = limiter;
    const link = new RedisLink(client, options, {
      RateLimiterRedis,
      RateLimiterMemory,
      RateLimiterRes,
      Mutex,
    });
    await link.#beat();
    return link;
  }

  private constructor(client: Redis, options: LinkOptions, lib: RedisLibraries) {
    this.client = client;
    this.lib = lib;
    this.keyPrefix = options.keyPrefix;
    this.#options = options;
    client.on("close", () => this.#lost("connection closed"));
    client.on("ready", () => this.#back());
    this.#heartbeat = setInterval(() => void this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Connected, and no command failed in the last second. */
  get usable(): boolean {
    return this.client.status === "ready" && Date.now() >= this.#retryAt;
  }

  /** True between losing Redis and getting it back. */
  get lost(): boolean {
    return this.#lostAt !== undefined;
  }

  /** The divisor of a budget while Redis is lost. */
  expectedWorkers(): number {
    return this.#options.expectedWorkers ?? this.#peers;
  }

  /** A command failed: use the fallback for a moment. */
  failed(error: unknown): void {
    this.#retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
    this.#lost(error instanceof Error ? error.message : String(error));
  }

  /** A command succeeded: if Redis had been lost, it is back. */
  ok(): void {
    if (this.#lostAt !== undefined && this.client.status === "ready") this.#back();
  }

  /** Called each time Redis comes back after an outage. */
  onRejoin(listener: () => void): void {
    this.#onRejoin.add(listener);
  }

  key(...parts: readonly string[]): string {
    return `${this.keyPrefix}${parts.join(":")}`;
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#heartbeat);
    try {
      if (this.client.status === "ready") {
        await this.client.zrem(this.key("workers"), this.#id);
        await this.client.quit();
        return;
      }
    } catch {
      // Closing anyway: the connection is going.
    }
    this.client.disconnect();
  }

  #lost(reason: string): void {
    if (this.#closing || this.#lostAt !== undefined) return;
    this.#lostAt = Date.now();
    this.outages += 1;
    this.#options.logger.warn(
      { redis: sanitizeUrl(this.#options.url), reason, workers: this.expectedWorkers() },
      "state store: Redis lost; each process falls back to its own share of every budget (budget ÷ workers) until it is back",
    );
  }

  #back(): void {
    if (this.#lostAt === undefined) return;
    const outageMs = Date.now() - this.#lostAt;
    this.#lostAt = undefined;
    this.#retryAt = 0;
    this.#options.logger.info(
      { redis: sanitizeUrl(this.#options.url), outageMs },
      "state store: Redis is back; budgets, tokens and replay ids are shared again",
    );
    void this.#beat();
    for (const listener of this.#onRejoin) listener();
  }

  /** Registers this process as a live worker and counts the others (the fallback's divisor). */
  async #beat(): Promise<void> {
    if (!this.usable) return;
    const key = this.key("workers");
    const now = Date.now();
    try {
      const replies = await this.client
        .multi()
        .zadd(key, now, this.#id)
        .zremrangebyscore(key, "-inf", now - PEER_EXPIRY_MS)
        .zcard(key)
        .pexpire(key, PEER_EXPIRY_MS * 2)
        .exec();
      const count = replies?.[2]?.[1];
      if (typeof count === "number") this.#peers = Math.max(1, count);
      this.ok();
    } catch (error) {
      this.failed(error);
    }
  }
}

function unreachable(options: LinkOptions, cause: unknown): OptionsError {
  const url = sanitizeUrl(options.url);
  const text = cause instanceof Error ? cause.message : String(cause);
  const reason = scrubText(text, []).replace(/\.+$/, "");
  return new OptionsError(
    options.source,
    `The state store cannot reach Redis at ${url} (from ${options.source}): ${reason}. Start Redis or correct ${options.source}; unset it to keep rate limits, tokens and replay ids in this process's memory.`,
    "STATE_STORE_UNREACHABLE",
  );
}
