// The failure policy: Redis unreachable at start is a configuration error; Redis lost mid-run
// means each process falls back to its share of the budget (never to no limit), then rejoins.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createHttp,
  createLogger,
  createRedisStore,
  OptionsError,
  type StateStore,
  setStateStore,
  stateStore,
} from "../../packages/runtime/src/index.js";
import { freePort, type RedisServer, startRedis } from "./helpers/redis-server.js";

let redis: RedisServer;
const stores: StateStore[] = [];
const lines: { msg: string; time: number; [field: string]: unknown }[] = [];
const logger = createLogger({
  level: "info",
  destination: { write: (line) => lines.push(JSON.parse(line)) },
});

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await redis.close();
});
afterEach(() => {
  delete process.env.CAPKIT_REDIS_URL;
  setStateStore(undefined);
});

async function open(prefix: string, options: { expectedWorkers?: number } = {}) {
  const store = await createRedisStore({ url: redis.url, keyPrefix: prefix, logger, ...options });
  stores.push(store);
  return store;
}

/** Grants one caller gets from `gate` in `ms`, asking again as soon as each is granted. */
async function grantsWithin(gate: { acquire(): Promise<void> }, ms: number): Promise<number> {
  const end = Date.now() + ms;
  let granted = 0;
  while (Date.now() < end) {
    await gate.acquire();
    if (Date.now() <= end) granted++;
  }
  return granted;
}

describe("Redis unreachable at start", () => {
  it("is a configuration error naming the URL, without its password", async () => {
    const port = await freePort();
    const error = await createRedisStore({
      url: `redis://:hunter2-password@127.0.0.1:${port}`,
      logger,
      connectTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionsError);
    expect(error).toMatchObject({ code: "STATE_STORE_UNREACHABLE", option: "url" });
    const { message } = error as OptionsError;
    expect(message).toContain(`redis://127.0.0.1:${port}`);
    expect(message).toContain("ECONNREFUSED");
    expect(message).not.toContain("hunter2");
  });

  it("fails the first call of a client when it comes from CAPKIT_REDIS_URL", async () => {
    process.env.CAPKIT_REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    expect(stateStore().kind).toBe("redis");
    const http = createHttp({ baseUrl: "http://127.0.0.1:9/", logger, retry: false });
    const error = await http.fetch("/never-sent").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionsError);
    expect(error).toMatchObject({ code: "STATE_STORE_UNREACHABLE", option: "CAPKIT_REDIS_URL" });
    expect((error as Error).message).toContain("unset it to keep rate limits");
    const replay = stateStore().replayStore("acme-webhook");
    await expect(replay.claim("id", 1000)).rejects.toBeInstanceOf(OptionsError);
  });

  it("leaves memory as the default when CAPKIT_REDIS_URL is unset", () => {
    expect(stateStore().kind).toBe("memory");
  });

  it("loads ioredis, rate-limiter-flexible and redis-semaphore only when a Redis store opens", async () => {
    const script = `
      import { createRequire } from "node:module";
      const runtime = await import("./packages/runtime/src/index.ts");
      const { _cache } = createRequire(import.meta.url)("module");
      const loaded = () => Object.keys(_cache).filter((f) =>
        /node_modules\\/(ioredis|rate-limiter-flexible|redis-semaphore)\\//.test(f)).length;
      runtime.createHttp({ baseUrl: "http://127.0.0.1:9" });
      const before = loaded();
      await runtime.createRedisStore({ url: "redis://127.0.0.1:9", connectTimeoutMs: 500 }).catch(() => {});
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { env: { ...process.env, CAPKIT_REDIS_URL: "" } },
    );
    const { before, after } = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(0);
  });
});

describe("Redis lost mid-run, then back (real redis-server, stopped and restarted)", () => {
  it("falls back to budget ÷ workers, warns, and rejoins within 2 s of Redis coming back", async () => {
    const scope = { vendor: "api.outage.test", credential: "c1" };
    const workers = await Promise.all([open("outage:"), open("outage:"), open("outage:")]);
    // Heartbeats: each worker learns how many share the store.
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const gate = workers[0]?.rateGate(scope, { requestsPerSecond: 30 });
    if (!gate) throw new Error("no gate");
    await gate.acquire();
    lines.length = 0;

    await redis.stop();
    // Never without a limit: one process gets its share, 30 ÷ 3 = 10 per second.
    const granted = await grantsWithin(gate, 1500);
    expect(granted).toBeGreaterThan(0);
    expect(granted).toBeLessThanOrEqual(16);
    const lost = lines.find((l) => l.msg.startsWith("state store: Redis lost"));
    expect(lost).toMatchObject({ workers: 3 });
    const share = lines.find((l) => l.msg.startsWith("shared rate-limit budget unreachable"));
    expect(share).toMatchObject({
      vendor: "api.outage.test",
      budget: 30,
      workers: 3,
      perProcess: 10,
    });

    await redis.start();
    const back = Date.now();
    await until(() => lines.some((l) => l.msg.startsWith("state store: Redis is back")), 5000);
    const rejoined = lines.find((l) => l.msg.startsWith("state store: Redis is back"));
    expect((rejoined?.time ?? Number.POSITIVE_INFINITY) - back).toBeLessThan(2000);
    // Drawing from Redis again: the budget's window is back in Redis. The reconnect log can land
    // a moment before the limiter's own connection is ready, and a window key lives one second,
    // so draw until one is there (never more than 2 s after Redis came back).
    await until(
      async () => {
        await gate.acquire();
        return (await redis.keys("outage:budget:*")).length === 1;
      },
      Math.max(0, 2000 - (Date.now() - back)) + 500,
    );
  });

  it("uses a configured number of expected workers for the share", async () => {
    const store = await open("outage-configured:", { expectedWorkers: 4 });
    const gate = store.rateGate(
      { vendor: "api.share.test", credential: "c" },
      { requestsPerSecond: 8 },
    );
    await gate.acquire();
    lines.length = 0;
    await redis.stop();
    try {
      const granted = await grantsWithin(gate, 1200);
      // 8 ÷ 4 = 2 per second: one window of 2, perhaps the first of the next.
      expect(granted).toBeLessThanOrEqual(4);
      const share = lines.find((l) => l.msg.startsWith("shared rate-limit budget unreachable"));
      expect(share).toMatchObject({ workers: 4, perProcess: 2 });
    } finally {
      await redis.start();
    }
  });

  it("keeps refusing replays while Redis is lost, and shares the ids it saw once back", async () => {
    const [a, b] = await Promise.all([open("outage-replay:"), open("outage-replay:")]);
    const first = a.replayStore("acme-webhook");
    const second = b.replayStore("acme-webhook");
    await redis.stop();
    expect(await first.claim("during-outage", 60_000)).toBe(true);
    expect(await first.claim("during-outage", 60_000)).toBe(false);
    await redis.start();
    await until(async () => (await redis.keys("outage-replay:replay:*")).length === 1, 5000);
    expect(await second.claim("during-outage", 60_000)).toBe(false);
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
