import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHttp,
  createLogger,
  createRedisStore,
  readJson,
  type StateStore,
  WaitRefused,
} from "../../packages/runtime/src/index.js";
import {
  fallbackRate,
  slotDelayMs,
  windowPlan,
} from "../../packages/runtime/src/store/budget-plan.js";
import { type LimitedApi, startLimitedApi } from "./helpers/limited-api.js";
import { type RedisServer, startRedis } from "./helpers/redis-server.js";

const quiet = createLogger({ level: "silent" });
let redis: RedisServer;
let api: LimitedApi;
const stores: StateStore[] = [];

beforeAll(async () => {
  [redis, api] = await Promise.all([startRedis(), startLimitedApi({ rate: 10, burst: 10 })]);
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all([redis.close(), api.close()]);
});

/** One store per simulated worker: each its own connection, gates and memory, as a process has. */
async function workers(count: number, prefix: string): Promise<StateStore[]> {
  const made = await Promise.all(
    Array.from({ length: count }, () =>
      createRedisStore({ url: redis.url, keyPrefix: prefix, logger: quiet }),
    ),
  );
  stores.push(...made);
  return made;
}

describe("budget plan", () => {
  it.each([
    [20, { points: 20, durationSec: 1 }],
    [2.5, { points: 5, durationSec: 2 }],
    [0.5, { points: 1, durationSec: 2 }],
    [1 / 3, { points: 1, durationSec: 3 }],
    [5000 / 3600, { points: 25, durationSec: 18 }],
    [0.01, { points: 1, durationSec: 100 }],
  ])("%d req/s → %o", (rate, plan) => {
    expect(windowPlan(rate)).toEqual(plan);
  });

  it("never rounds a rate up", () => {
    for (const rate of [Math.PI, 0.123, 7.77, 1 / 7, 0.007]) {
      const { points, durationSec } = windowPlan(rate);
      expect(points / durationSec).toBeLessThanOrEqual(rate);
      expect(points / durationSec).toBeGreaterThan(rate * 0.98);
    }
  });

  it("spreads a window's points evenly over it", () => {
    const plan = { points: 20, durationSec: 1 };
    expect(slotDelayMs(plan, 1, 1000)).toBe(0);
    expect(slotDelayMs(plan, 2, 1000)).toBe(50);
    expect(slotDelayMs(plan, 20, 1000)).toBe(950);
    // Point 11 drawn 300 ms into the window goes out at 500 ms: 200 ms from now.
    expect(slotDelayMs(plan, 11, 700)).toBe(200);
    // A late draw goes at once.
    expect(slotDelayMs(plan, 2, 100)).toBe(0);
  });

  it("gives each process its share while Redis is lost", () => {
    expect(fallbackRate(20, 8)).toBe(2.5);
    expect(fallbackRate(20, 0)).toBe(20);
  });
});

describe("shared rate-limit budget (real redis-server)", () => {
  it("holds four workers to one budget: no 429, never more than the budget", async () => {
    api.reset();
    const fleet = await workers(4, "budget-fleet:");
    const token = await issueToken();
    const clients = fleet.map((store) =>
      createHttp({
        baseUrl: api.url,
        auth: { type: "bearer", token },
        rateLimit: { requestsPerSecond: 10 },
        retry: false,
        store,
        logger: quiet,
      }),
    );
    const started = Date.now();
    let next = 0;
    // Each worker keeps three requests waiting, far more than the budget allows: alone, each
    // would send 10/s, 40/s in all, and empty the API's bucket within a second.
    await Promise.all(
      clients.flatMap((http) =>
        [0, 1, 2].map(async () => {
          while (Date.now() - started < 3000) {
            const response = await http.fetch(`/records/${next++}`);
            await readJson("getRecord", response);
          }
        }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    expect(api.stats.refused).toBe(0);
    // Counted, not timed: never more than the budget (a stall only lowers the count), and not
    // starved (a generous floor for a loaded machine).
    expect(api.stats.accepted).toBeLessThanOrEqual(Math.ceil(10 * seconds) + 10);
    expect(api.stats.accepted).toBeGreaterThanOrEqual(Math.floor(10 * (seconds - 1) * 0.6));
  });

  it("spreads a window's turns over the window rather than granting them at once", async () => {
    const fleet = await workers(4, "budget-spread:");
    const scope = { vendor: "api.spread.test", credential: "c1" };
    const gates = fleet.map((store) => store.rateGate(scope, { requestsPerSecond: 20 }));
    const started = performance.now();
    const granted = await Promise.all(
      gates.flatMap((gate) =>
        [0, 1, 2, 3, 4].map(() => gate.acquire().then(() => performance.now() - started)),
      ),
    );
    granted.sort((a, b) => a - b);
    // Twenty turns of a 20/s budget, one every 50 ms: the last goes out ~950 ms after the first
    // (later, never sooner, when timers fire late); about 20 in the first second (the next
    // window's first turn may come a round trip early).
    expect((granted.at(-1) ?? 0) - (granted[0] ?? 0)).toBeGreaterThan(800);
    expect(granted.filter((t) => t < (granted[0] ?? 0) + 1000).length).toBeLessThanOrEqual(21);
  });

  it("keys the budget by vendor and a digest of the credential, never the credential", async () => {
    const [store] = await workers(1, "budget-keys:");
    const secret = "sk_live_budget_key_secret_0123456789";
    const http = createHttp({
      baseUrl: api.url,
      auth: { type: "apiKey", in: "header", name: "x-api-key", value: secret },
      store,
      logger: quiet,
    });
    await http.fetch("/records/x").then((r) => r.text());
    const keys = await redis.keys("budget-keys:*");
    expect(keys.some((k) => k.startsWith(`budget-keys:budget:${new URL(api.url).host}:`))).toBe(
      true,
    );
    expect(keys.join(" ")).not.toContain(secret);
  });

  it("pauses every worker when one is told to wait (Retry-After)", async () => {
    const [a, b] = await workers(2, "budget-pause:");
    const scope = { vendor: "api.pause.test", credential: "c1" };
    const gateA = a?.rateGate(scope, { requestsPerSecond: 5 });
    const gateB = b?.rateGate(scope, { requestsPerSecond: 5 });
    await gateA?.acquire();
    gateA?.observe(new Headers({ "retry-after": "30" }));
    // Let the pause reach Redis (observe is synchronous; the write is not).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await gateB?.acquire({ maxWaitMs: 1000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WaitRefused);
    expect((refused as WaitRefused).ms).toBeGreaterThan(25_000);
    expect((refused as WaitRefused).reason).toBe("Retry-After");
  });

  it("pauses every worker until a spent window resets (RateLimit-Remaining: 0)", async () => {
    const [a, b] = await workers(2, "budget-reset:");
    const scope = { vendor: "api.reset.test", credential: "c1" };
    const gateB = b?.rateGate(scope, { requestsPerSecond: 5 });
    const gateA = a?.rateGate(scope, { requestsPerSecond: 5 });
    await gateA?.acquire();
    gateA?.observe(new Headers({ "ratelimit-remaining": "0", "ratelimit-reset": "1" }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await gateB?.acquire();
    // The rest of the 1 s reset, give or take the 100 ms above and a loaded machine.
    expect(performance.now() - started).toBeGreaterThan(700);
  });
});

async function issueToken(): Promise<string> {
  const response = await fetch(api.tokenUrl, { method: "POST" });
  const body = (await response.json()) as { access_token: string };
  api.stats.tokenFetches -= 1;
  return body.access_token;
}
