import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttp, RateLimiter, readRateLimitHeaders } from "../../packages/runtime/src/index.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

/** A clock that only moves when the limiter sleeps: waits are exact and instant. */
function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("RateLimiter (token bucket)", () => {
  it("lets a burst through, then paces at requestsPerSecond", async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 10, burst: 2 }, t.clock, t.sleep);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    expect(t.waits.map(Math.round)).toEqual([100, 100, 100]);
  });

  it("refills while idle", async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 2, burst: 1 }, t.clock, t.sleep);
    await limiter.acquire();
    t.advance(500);
    await limiter.acquire();
    expect(t.waits).toEqual([]);
  });

  it("pauses until the window resets when the server says none remain", async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 1000 }, t.clock, t.sleep);
    await limiter.acquire();
    limiter.observe(new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "3" }));
    await limiter.acquire();
    expect(t.waits.reduce((a, b) => a + b, 0)).toBe(3000);
  });

  it("spreads the remaining requests over the rest of the window", async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 1000 }, t.clock, t.sleep);
    await limiter.acquire();
    limiter.observe(new Headers({ "ratelimit-remaining": "4", "ratelimit-reset": "2" }));
    await limiter.acquire();
    await limiter.acquire();
    expect(t.waits.map(Math.round)).toEqual([500, 500]);
  });

  it("grants in arrival order and is cancellable", async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 1, burst: 1 }, t.clock, t.sleep);
    await limiter.acquire();
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(limiter.acquire({ signal: controller.signal })).rejects.toThrow("stop");
    await limiter.acquire();
    expect(t.waits).toEqual([1000]);
  });
});

describe("readRateLimitHeaders", () => {
  const now = 1_700_000_000_000;
  it.each([
    [
      "X-RateLimit delta seconds",
      { "x-ratelimit-remaining": "5", "x-ratelimit-reset": "10" },
      { remaining: 5, resetMs: 10_000 },
    ],
    [
      "X-RateLimit epoch seconds (GitHub)",
      { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 30) },
      { remaining: 0, resetMs: 30_000 },
    ],
    [
      "RateLimit-* (IETF draft)",
      { "ratelimit-remaining": "7", "ratelimit-reset": "4" },
      { remaining: 7, resetMs: 4000 },
    ],
    [
      "structured RateLimit field",
      { ratelimit: "limit=100, remaining=3, reset=9" },
      { remaining: 3, resetMs: 9000 },
    ],
    ["no headers", {}, undefined],
  ])("%s", (_name, headers, want) => {
    expect(readRateLimitHeaders(new Headers(headers), now)).toEqual(want);
  });
});

describe("rate limiting through createHttp (real server, real clock)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
  });
  afterAll(() => server.close());

  it("paces requests at requestsPerSecond", async () => {
    const http = createHttp({
      baseUrl: server.url,
      rateLimit: { requestsPerSecond: 20, burst: 1 },
    });
    const started = performance.now();
    for (let i = 0; i < 5; i++) await (await http.fetch("/x")).text();
    // 4 gaps of 50 ms, timed on the client (server-side arrival times drift on a loaded machine:
    // a late first request shrinks the measured span); a little slack for timer granularity.
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    expect(server.requests).toHaveLength(5);
  });

  it("slows down when the server reports the window exhausted", async () => {
    server.handle((_req, res, i) =>
      json(res, 200, {}, i === 0 ? { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" } : {}),
    );
    const http = createHttp({ baseUrl: server.url, rateLimit: { requestsPerSecond: 1000 } });
    await http.fetch("/x");
    await http.fetch("/x");
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(900);
  });
});
