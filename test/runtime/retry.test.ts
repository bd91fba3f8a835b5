import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backoffDelay,
  createHttp,
  createLogger,
  IntegrationError,
  readJson,
  resolveRetryPolicy,
  retryAfterMs,
  shouldRetry,
  unwrap,
} from "../../packages/runtime/src/index.js";
import {
  collectLogs,
  json,
  recordingSleep,
  startServer,
  type TestServer,
} from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

function client(retry: Parameters<typeof createHttp>[0]["retry"] = {}) {
  const recorder = recordingSleep();
  const http = createHttp<Record<string, never>>({
    baseUrl: server.url,
    rateLimit: false,
    retry: retry === false ? false : { sleep: recorder.sleep, ...retry },
  });
  return { http, delays: recorder.delays };
}

/** Answers `statuses` in turn, then 200. */
function sequence(statuses: number[], headers: Record<string, string> = {}) {
  server.handle((_req, res, i) => {
    const status = statuses[i];
    if (status === undefined) json(res, 200, { ok: true });
    else json(res, status, { error: "nope" }, headers);
  });
}

describe("retry policy (pure)", () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });

  it.each([
    ["GET 503", { method: "GET", attempt: 1, status: 503 }, true],
    ["GET 500", { method: "GET", attempt: 1, status: 500 }, true],
    ["GET 429", { method: "GET", attempt: 1, status: 429 }, true],
    ["GET 408", { method: "GET", attempt: 1, status: 408 }, true],
    ["GET network error", { method: "GET", attempt: 1 }, true],
    ["PUT 502", { method: "put", attempt: 2, status: 502 }, true],
    ["GET 404", { method: "GET", attempt: 1, status: 404 }, false],
    ["GET 400", { method: "GET", attempt: 1, status: 400 }, false],
    ["POST 503", { method: "POST", attempt: 1, status: 503 }, false],
    ["PATCH network error", { method: "PATCH", attempt: 1 }, false],
    ["GET 503 past retries", { method: "GET", attempt: 4, status: 503 }, false],
  ])("shouldRetry > %s", (_name, outcome, want) => {
    expect(shouldRetry(policy, outcome)).toBe(want);
  });

  it("backoff is never zero on the first retry, even when the jitter draws 0", () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 1, () => 0.999)).toBeCloseTo(99.9);
  });

  it("backoff doubles per attempt and stops at maxDelayMs", () => {
    expect(backoffDelay(policy, 3, () => 0.999)).toBeCloseTo(399.6);
    expect(backoffDelay(policy, 20, () => 0.999)).toBeCloseTo(999);
  });

  it("reads Retry-After as seconds, as an HTTP date, and retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:07 GMT" }), now)).toBe(
      7000,
    );
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(
      250,
    );
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe("retries against a real server", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries a GET on %i, then succeeds", async (status) => {
    sequence([status, status]);
    const { http, delays } = client({ baseDelayMs: 100 });
    const response = await http.fetch("/items");
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    for (const delay of delays) expect(delay).toBeGreaterThan(0);
  });

  it("honours Retry-After in seconds", async () => {
    sequence([429], { "retry-after": "2" });
    const { http, delays } = client();
    expect((await http.fetch("/items")).status).toBe(200);
    expect(delays).toEqual([2000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const at = new Date(Date.now() + 5000).toUTCString();
    sequence([503], { "retry-after": at });
    const { http, delays } = client();
    expect((await http.fetch("/items")).status).toBe(200);
    expect(delays[0]).toBeGreaterThan(3000);
    expect(delays[0]).toBeLessThanOrEqual(5000);
  });

  it("honours retry-after-ms", async () => {
    sequence([429], { "retry-after-ms": "1234" });
    const { http, delays } = client();
    expect((await http.fetch("/items")).status).toBe(200);
    expect(delays).toEqual([1234]);
  });

  it("does not retry a 404 or a 400", async () => {
    sequence([404]);
    const { http, delays } = client();
    expect((await http.fetch("/items")).status).toBe(404);
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("does not retry a POST by default", async () => {
    sequence([503]);
    const { http } = client();
    const response = await http.fetch("/items", { method: "POST", body: "{}" });
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a POST when the method is opted in, resending the body", async () => {
    sequence([503]);
    const { http } = client({ methods: ["GET", "POST"] });
    const response = await http.fetch("/items", { method: "POST", body: '{"a":1}' });
    expect(response.status).toBe(200);
    expect(server.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("gives up after `retries` with a retryable IntegrationError", async () => {
    sequence([503, 503, 503, 503, 503]);
    const { http, delays } = client({ retries: 2 });
    const result = await http.api.GET("/items" as never);
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    const error = (() => {
      try {
        unwrap("listItems", result as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ operation: "listItems", status: 503, retryable: true });
  });

  it("stops when the server's Retry-After exceeds the time budget", async () => {
    sequence([429], { "retry-after": "600" });
    const { http, delays } = client({ maxElapsedMs: 10_000 });
    expect((await http.fetch("/items")).status).toBe(429);
    expect(delays).toEqual([]);
  });

  it("bounds the total elapsed time across attempts", async () => {
    sequence([503, 503, 503, 503]);
    const { http, delays } = client({ retries: 10, baseDelayMs: 400, maxElapsedMs: 1000 });
    // The last attempt gets what is left of the budget (a few ms when the jittered delays come
    // near 1,000): it answers the 503, or, on a busy machine, runs out of the budget. Both end
    // the call within it; what may not happen is a wait past it or an attempt after it.
    const outcome = await http.fetch("/items").then(
      (response) => response.status,
      (error: unknown) => error,
    );
    if (outcome === 503) expect(server.requests).toHaveLength(delays.length + 1);
    else {
      // The last attempt may be cut before the server saw it.
      expect(server.requests.length).toBeGreaterThanOrEqual(delays.length);
      expect(server.requests.length).toBeLessThanOrEqual(delays.length + 1);
      expect(outcome).toBeInstanceOf(IntegrationError);
      expect(outcome).toMatchObject({ code: "TIMEOUT", operation: "GET /items" });
      expect(String((outcome as Error).message)).toMatch(/maxElapsedMs budget ran out/);
    }
    // Sleep is recorded, not waited: only the delays' sum counts against the budget here.
    expect(delays.length).toBeGreaterThan(0);
    expect(delays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1000);
  });

  it("retries network errors, then gives up with a retryable NETWORK error", async () => {
    server.handle((_req, res) => {
      res.socket?.destroy();
    });
    const { http, delays } = client({ retries: 2 });
    const error = await http.fetch("/items").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ code: "NETWORK", retryable: true, operation: "GET /items" });
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it("makes a single attempt with retry: false", async () => {
    sequence([503]);
    const { http } = client(false);
    expect((await http.fetch("/items")).status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("readJson returns a 2xx body and turns anything else into an IntegrationError", async () => {
    sequence([404]);
    const { http } = client();
    await expect(readJson("getNext", await http.fetch("/next"))).rejects.toMatchObject({
      operation: "getNext",
      status: 404,
      retryable: false,
      snippet: '{"error":"nope"}',
    });
    await expect(readJson("getNext", await http.fetch("/next"))).resolves.toEqual({ ok: true });
  });

  it("names openapi-fetch calls after the path template in logs", async () => {
    sequence([503]);
    const logs = collectLogs();
    const http = createHttp<Record<string, never>>({
      baseUrl: server.url,
      rateLimit: false,
      retry: { sleep: recordingSleep().sleep },
      logger: createLogger({ destination: logs.destination }),
    });
    await http.api.GET("/items/{id}" as never, { params: { path: { id: 7 } } } as never);
    expect(server.requests.map((r) => r.url)).toEqual(["/items/7", "/items/7"]);
    expect(JSON.parse(logs.lines[0]!)).toMatchObject({
      operation: "GET /items/{id}",
      status: 503,
      attempt: 1,
    });
  });
});
