// Issue 10, defect 2: `timeoutMs` covers the whole exchange, body included, and the job's signal
// ends a body read at once, on every path that reads a body (readJson, openapi-fetch, next pages).
import { describe, expect, it } from "vitest";
import {
  createHttp,
  type HttpOptions,
  IntegrationError,
  readJson,
} from "../../packages/runtime/src/index.js";
import { fetchNextPage } from "../../packages/runtime/src/records.js";
import { useFaultServer } from "./helpers/fault-server.js";
import { settle } from "./helpers/settle.js";

// Generous bounds (a loaded 2-core machine): the promise is "within 500 ms", the hang is forever.
const SLACK_MS = 500;

const server = useFaultServer();

function client(options: Partial<HttpOptions> = {}) {
  return createHttp<Record<string, never>>({
    baseUrl: server.url,
    rateLimit: false,
    retry: false,
    ...options,
  });
}

describe("timeoutMs covers the body", () => {
  it.each(["/stall", "/trickle"])("readJson on %s times out", async (path) => {
    const http = client({ timeoutMs: 300 });
    const { outcome, ms } = await settle(http.fetch(path).then((r) => readJson("getThing", r)));
    expect(outcome).toBeInstanceOf(IntegrationError);
    expect(outcome).toMatchObject({ code: "TIMEOUT", retryable: true });
    expect(ms).toBeLessThan(300 + SLACK_MS);
  });

  it.each(["/stall", "/trickle"])("openapi-fetch's body parsing on %s times out", async (path) => {
    const http = client({ timeoutMs: 300 });
    const { outcome, ms } = await settle(http.api.GET(path as never));
    expect(outcome).toBeInstanceOf(IntegrationError);
    expect(outcome).toMatchObject({ code: "TIMEOUT", operation: `GET ${path}` });
    expect(ms).toBeLessThan(300 + SLACK_MS);
  });

  it("a next page that stalls times out", async () => {
    const http = client({ timeoutMs: 300 });
    const { outcome } = await settle(fetchNextPage(http, "listThings", `${server.url}/stall`));
    expect(outcome).toMatchObject({ code: "TIMEOUT", operation: "listThings" });
  });

  it("a body read in time is not disturbed by the timer afterwards", async () => {
    const http = client({ timeoutMs: 150 });
    const body = await readJson("ok", await http.fetch("/ok"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(body).toMatchObject({ ok: true });
  });

  it("maxElapsedMs bounds an attempt even with timeoutMs disabled", async () => {
    const http = client({ timeoutMs: 0, retry: { maxElapsedMs: 300 } });
    const { outcome, ms } = await settle(http.fetch("/hang"));
    expect(outcome).toMatchObject({ code: "TIMEOUT" });
    expect(String((outcome as Error).message)).toContain("maxElapsedMs");
    expect(ms).toBeLessThan(300 + SLACK_MS);
  });

  it("maxElapsedMs bounds a stalled body too", async () => {
    const http = client({ timeoutMs: 0, retry: { maxElapsedMs: 300 } });
    const { outcome, ms } = await settle(http.fetch("/stall").then((r) => r.text()));
    expect(outcome).toMatchObject({ code: "TIMEOUT" });
    expect(ms).toBeLessThan(300 + SLACK_MS);
  });
});

describe("the job signal ends a body read at once", () => {
  function abortAfter(controller: AbortController, ms: number) {
    setTimeout(() => controller.abort(new Error("job cancelled")), ms);
  }

  it("readJson", async () => {
    const job = new AbortController();
    const http = client({ signal: job.signal, timeoutMs: 30_000 });
    const response = await http.fetch("/stall");
    abortAfter(job, 100);
    const { outcome, ms } = await settle(readJson("getThing", response));
    expect(outcome).toBeInstanceOf(IntegrationError);
    expect(outcome).toMatchObject({ code: "ABORTED", retryable: false, operation: "getThing" });
    expect(ms).toBeLessThan(100 + SLACK_MS);
  });

  it("openapi-fetch's body parsing", async () => {
    const job = new AbortController();
    const http = client({ signal: job.signal, timeoutMs: 30_000 });
    abortAfter(job, 150);
    const { outcome, ms } = await settle(http.api.GET("/trickle" as never));
    expect(outcome).toMatchObject({ code: "ABORTED", operation: "GET /trickle" });
    expect(ms).toBeLessThan(150 + SLACK_MS);
  });

  it("the call's own signal, reading the body with text()", async () => {
    const call = new AbortController();
    const http = client({ timeoutMs: 30_000 });
    const response = await http.fetch("/stall", { signal: call.signal });
    abortAfter(call, 100);
    const { outcome, ms } = await settle(response.text());
    expect(outcome).toMatchObject({ code: "ABORTED" });
    expect(ms).toBeLessThan(100 + SLACK_MS);
  });

  it("a stalled next page", async () => {
    const job = new AbortController();
    const http = client({ signal: job.signal, timeoutMs: 30_000 });
    abortAfter(job, 100);
    const { outcome, ms } = await settle(fetchNextPage(http, "listThings", `${server.url}/stall`));
    expect(outcome).toMatchObject({ code: "ABORTED", operation: "listThings" });
    expect(ms).toBeLessThan(100 + SLACK_MS);
  });
});

describe("a 2xx body that is not JSON", () => {
  it.each([
    ["with a content-length (response.json)", "/not-json"],
    ["chunked (openapi-fetch's own JSON.parse)", "/not-json?chunked=1"],
  ])("openapi-fetch, %s: BAD_JSON, not a SyntaxError quoting the body", async (_name, path) => {
    const error = await client()
      .api.GET(path as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ code: "BAD_JSON", retryable: false });
    expect((error as Error).cause).toBeUndefined();
  });

  it("readJson: BAD_JSON without the parser's message as cause", async () => {
    const http = client();
    const error = await readJson("getThing", await http.fetch("/not-json")).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "BAD_JSON", operation: "getThing" });
    expect((error as Error).cause).toBeUndefined();
  });
});
