// Issue 10, defect 5: every wait the server asks for is bounded. Resets come as delta seconds,
// epoch seconds or epoch milliseconds; a wait past maxDelayMs or the remaining maxElapsedMs fails
// at once with a retryable RATE_LIMITED error that says when the API accepts calls again.
import { describe, expect, it } from "vitest";
import {
  createHttp,
  createLogger,
  type HttpOptions,
  IntegrationError,
  readJson,
  readRateLimitHeaders,
  resolveRetryPolicy,
  retryDelay,
  unwrap,
} from "../../packages/runtime/src/index.js";
import { useFaultServer } from "./helpers/fault-server.js";
import { collectLogs, recordingSleep } from "./helpers/server.js";
import { settle, thrown } from "./helpers/settle.js";

const SLACK_MS = 500;

const server = useFaultServer();

function client(options: Partial<HttpOptions> = {}, retry: Record<string, unknown> = {}) {
  const recorder = recordingSleep();
  const logs = collectLogs();
  const http = createHttp<Record<string, never>>({
    baseUrl: server.url,
    rateLimit: { requestsPerSecond: 1000 },
    logger: createLogger({ destination: logs.destination }),
    ...options,
    retry: { sleep: recorder.sleep, ...retry },
  });
  return { http, delays: recorder.delays, logs: logs.lines };
}

describe("reset values: delta seconds, epoch seconds, epoch milliseconds", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  it.each([
    ["delta seconds", "30", 30_000],
    ["a day of delta seconds", "86400", 86_400_000],
    ["epoch seconds", String(now / 1000 + 45), 45_000],
    ["epoch milliseconds", String(now + 12_000), 12_000],
    ["epoch seconds in the past", String(now / 1000 - 10), 0],
    ["epoch milliseconds in the past", String(now - 10_000), 0],
  ])("%s", (_name, reset, want) => {
    const headers = new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset });
    expect(readRateLimitHeaders(headers, now)).toEqual({ remaining: 0, resetMs: want });
  });
});

describe("Retry-After of zero or below", () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 400 });
  it.each(["0", "-5", "0.0"])("Retry-After: %s waits the base delay", (value) => {
    expect(retryDelay(policy, 1, new Headers({ "retry-after": value }))).toBe(400);
  });

  it("a past HTTP date waits the base delay", () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    expect(retryDelay(policy, 1, new Headers({ "retry-after": past }))).toBe(400);
  });

  it("against a server: Retry-After 0 is retried after the base delay, not at once", async () => {
    const { http, delays } = client({}, { baseDelayMs: 250 });
    const response = await http.fetch("/limited?retryAfter=0&after=2");
    expect(response.status).toBe(200);
    expect(delays).toEqual([250]);
  });
});

describe("waits past the cap fail at once", () => {
  it("a 429 with a reset a day away: RATE_LIMITED at once, saying when", async () => {
    const { http } = client();
    const { outcome, ms } = await settle(
      http.api.GET("/limited" as never, { params: { query: { reset: "86400" } } } as never),
    );
    expect(ms).toBeLessThan(SLACK_MS);
    const result = outcome as { response: Response };
    const error = thrown(() => unwrap("listThings", result as never));
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryable: true, status: 429 });
    const retryAt = (error as IntegrationError).retryAt;
    expect(retryAt).toBeInstanceOf(Date);
    expect(Math.abs(retryAt!.getTime() - (Date.now() + 86_400_000))).toBeLessThan(5000);
    expect((error as Error).message).toContain(retryAt!.toISOString());
    expect(server.hits("/limited")).toBe(1);
  });

  it.each([
    ["epoch seconds", () => String(Math.floor(Date.now() / 1000) + 3600)],
    ["epoch milliseconds", () => String(Date.now() + 3_600_000)],
  ])("a 429 with an hour's reset in %s fails at once", async (_name, reset) => {
    const { http } = client();
    const { outcome, ms } = await settle(http.fetch(`/limited?reset=${reset()}`));
    expect(ms).toBeLessThan(SLACK_MS);
    expect((outcome as Response).status).toBe(429);
    expect(server.hits("/limited")).toBe(1);
  });

  it("a reset in epoch milliseconds within the cap is waited, in milliseconds", async () => {
    // No rate limiter: it would learn the same reset (and, with a recorded sleep, wait again).
    const { http, delays } = client({ rateLimit: false });
    const response = await http.fetch(`/limited?after=2&reset=${Date.now() + 2000}`);
    expect(response.status).toBe(200);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(1000);
    expect(delays[0]).toBeLessThanOrEqual(2000);
  });

  it("a Retry-After past maxDelayMs is not waited", async () => {
    const { http, delays } = client({}, { maxDelayMs: 5000 });
    const response = await http.fetch("/limited?retryAfter=20");
    expect(response.status).toBe(429);
    expect(delays).toEqual([]);
  });

  it("a Retry-After past the remaining maxElapsedMs is not waited", async () => {
    const { http, delays } = client({}, { maxDelayMs: 60_000, maxElapsedMs: 10_000 });
    const response = await http.fetch("/limited?retryAfter=20");
    expect(response.status).toBe(429);
    expect(delays).toEqual([]);
  });

  it("a window exhausted for a day (learned from a 200) fails the next call at once", async () => {
    const { http } = client();
    expect((await http.fetch("/window?remaining=0&reset=86400")).status).toBe(200);
    const { outcome, ms } = await settle(http.fetch("/ok"));
    expect(ms).toBeLessThan(SLACK_MS);
    expect(outcome).toBeInstanceOf(IntegrationError);
    expect(outcome).toMatchObject({ code: "RATE_LIMITED", retryable: true });
    expect((outcome as Error).message).toMatch(/accepts calls again at \d{4}-/);
    expect(server.hits("/ok")).toBe(0);
  });

  it("a window exhausted until an epoch-ms reset a day away fails at once, without spinning", async () => {
    // Real sleep: the old limiter slept past setTimeout's range, which fires after 1 ms, forever.
    const http = createHttp({ baseUrl: server.url, rateLimit: { requestsPerSecond: 1000 } });
    await http.fetch(`/window?remaining=0&reset=${Date.now() + 86_400_000}`);
    const cpu = process.cpuUsage();
    const { outcome, ms } = await settle(http.fetch("/ok"), 2000);
    const used = process.cpuUsage(cpu);
    expect(outcome).toMatchObject({ code: "RATE_LIMITED" });
    expect(ms).toBeLessThan(SLACK_MS);
    expect((used.user + used.system) / 1000).toBeLessThan(400);
  });

  it("a window that resets within the cap is waited, and the wait is logged with its reason", async () => {
    const { http, delays, logs } = client();
    await http.fetch("/window?remaining=0&reset=2");
    expect((await http.fetch("/ok")).status).toBe(200);
    expect(delays.length).toBeGreaterThan(0);
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    const waits = logs.map((l) => JSON.parse(l)).filter((l) => l.waitMs !== undefined);
    expect(waits[0]).toMatchObject({ reason: expect.stringMatching(/rate.?limit/i) });
  });
});

describe("a 403 whose rate-limit window is spent is a rate limit", () => {
  it("is waited out and retried like a 429", async () => {
    const { http, delays } = client({ rateLimit: false });
    const response = await http.fetch("/limited?status=403&reset=2&after=2");
    expect(response.status).toBe(200);
    expect(delays).toEqual([2000]);
  });

  it("past the cap: RATE_LIMITED, retryable, with retryAt", async () => {
    const { http } = client({ rateLimit: false });
    const response = await http.fetch("/limited?status=403&reset=86400");
    const error = await readJson("listThings", response).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 403, retryable: true });
    expect((error as IntegrationError).retryAt).toBeInstanceOf(Date);
  });

  it("a plain 403 stays FORBIDDEN and is not retried", async () => {
    const { http, delays } = client({ rateLimit: false });
    const response = await http.fetch("/limited?status=403");
    const error = await readJson("listThings", response).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "FORBIDDEN", retryable: false });
    expect(delays).toEqual([]);
  });
});

describe("each wait is logged with its reason", () => {
  it("Retry-After and backoff waits", async () => {
    const { http, logs } = client();
    await http.fetch("/limited?retryAfter=1&after=2");
    await http.fetch("/limited?status=503&after=4");
    const waits = logs.map((l) => JSON.parse(l)).filter((l) => l.waitMs !== undefined);
    expect(waits.map((w) => w.reason)).toEqual([
      expect.stringMatching(/retry-after/i),
      expect.stringMatching(/backoff/i),
    ]);
    expect(waits[0]).toMatchObject({ waitMs: 1000, status: 429 });
  });
});
