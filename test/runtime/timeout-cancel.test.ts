import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttp, IntegrationError } from "../../packages/runtime/src/index.js";
import { json, recordingSleep, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Answers after `ms` unless the client goes away first. */
function slow(ms: number) {
  server.handle(
    (_req, res) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          json(res, 200, {});
          resolve();
        }, ms);
        res.on("close", () => {
          clearTimeout(timer);
          resolve();
        });
      }),
  );
}

describe("per-request timeout", () => {
  it("aborts a slow attempt with a retryable TIMEOUT error", async () => {
    slow(2000);
    const http = createHttp({ baseUrl: server.url, rateLimit: false, retry: false, timeoutMs: 50 });
    const started = performance.now();
    const error = await http.fetch("/slow").catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ code: "TIMEOUT", retryable: true, operation: "GET /slow" });
  });

  it("retries timed-out attempts of an idempotent request", async () => {
    slow(2000);
    const { sleep, delays } = recordingSleep();
    const http = createHttp({
      baseUrl: server.url,
      rateLimit: false,
      retry: { retries: 2, sleep },
      timeoutMs: 50,
    });
    await expect(http.fetch("/slow-retried")).rejects.toMatchObject({ code: "TIMEOUT" });
    // By path: on a loaded machine the previous test's aborted request can arrive late.
    expect(server.requests.filter((r) => r.url === "/slow-retried")).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });
});

describe("cancellation", () => {
  it("stops an in-flight request when the job signal aborts", async () => {
    slow(5000);
    const controller = new AbortController();
    const http = createHttp({ baseUrl: server.url, rateLimit: false, signal: controller.signal });
    const pending = http.fetch("/slow").catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error("job cancelled")), 50);
    const started = performance.now();
    const error = await pending;
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error).toMatchObject({ code: "ABORTED", retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("stops a pending retry sleep (real sleep, long Retry-After)", async () => {
    server.handle((_req, res) => json(res, 503, {}, { "retry-after": "30" }));
    const controller = new AbortController();
    const http = createHttp({ baseUrl: server.url, rateLimit: false, signal: controller.signal });
    const pending = http.fetch("/x").catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    expect(await pending).toMatchObject({ code: "ABORTED" });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });

  it("combines a per-call signal with the job signal", async () => {
    slow(5000);
    const call = new AbortController();
    const http = createHttp({
      baseUrl: server.url,
      rateLimit: false,
      signal: new AbortController().signal,
    });
    const pending = http.fetch("/slow", { signal: call.signal }).catch((e: unknown) => e);
    setTimeout(() => call.abort(), 50);
    expect(await pending).toMatchObject({ code: "ABORTED" });
  });

  it("does not send at all when already cancelled", async () => {
    server.handle((_req, res) => json(res, 200, {}));
    const http = createHttp({ baseUrl: server.url, signal: AbortSignal.abort() });
    await expect(http.fetch("/x")).rejects.toMatchObject({ code: "ABORTED" });
    expect(server.requests).toHaveLength(0);
  });
});
