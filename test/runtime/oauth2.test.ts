// Issue 10, defect 3: the OAuth2 token request gets the same timeout and retry policy as any
// request, and one caller's abort ends only that caller's wait for the shared token fetch.
import { describe, expect, it } from "vitest";
import {
  type Auth,
  createHttp,
  type HttpOptions,
  IntegrationError,
} from "../../packages/runtime/src/index.js";
import { startFaultServer, useFaultServer } from "./helpers/fault-server.js";
import { recordingSleep } from "./helpers/server.js";
import { settle } from "./helpers/settle.js";

const SLACK_MS = 500;

const server = useFaultServer();

function oauth(query = "", tokenUrl = `${server.url}/token${query}`): Auth {
  return {
    type: "oauth2ClientCredentials",
    tokenUrl,
    clientId: "cid",
    clientSecret: "cs-OAuth-Secret-01",
  };
}

function client(auth: Auth, options: Partial<HttpOptions> = {}) {
  return createHttp({ baseUrl: server.url, auth, rateLimit: false, ...options });
}

describe("the token request is bounded and retried like any request", () => {
  it("a hanging token endpoint times out after timeoutMs", async () => {
    const http = client(oauth("?hang=1"), { timeoutMs: 300, retry: false });
    const { outcome, ms } = await settle(http.fetch("/ok"));
    expect(outcome).toBeInstanceOf(IntegrationError);
    expect(outcome).toMatchObject({ code: "TIMEOUT", operation: "oauth2 token" });
    expect(ms).toBeLessThan(300 + SLACK_MS);
    expect(server.hits("/ok")).toBe(0);
  });

  it("a hanging token endpoint is retried, then gives up within the budget", async () => {
    const { sleep, delays } = recordingSleep();
    const http = client(oauth("?hang=1"), { timeoutMs: 200, retry: { retries: 2, sleep } });
    const { outcome, ms } = await settle(http.fetch("/ok"));
    expect(outcome).toMatchObject({ code: "TIMEOUT", operation: "oauth2 token" });
    expect(server.hits("/token")).toBe(3);
    expect(delays).toHaveLength(2);
    expect(ms).toBeLessThan(3 * 200 + SLACK_MS);
  });

  it("a failing token endpoint (503, 503) is retried and the call then succeeds", async () => {
    const { sleep, delays } = recordingSleep();
    const http = client(oauth("?fail=2"), { retry: { sleep } });
    const response = await http.fetch("/ok");
    expect(response.status).toBe(200);
    expect(server.hits("/token")).toBe(3);
    expect(delays).toHaveLength(2);
    expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer tok-3");
  });

  it("a rejected client (401 from the token endpoint) is not retried", async () => {
    const http = client(oauth("?status=401"), { retry: { sleep: recordingSleep().sleep } });
    const error = await http.fetch("/ok").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "UNAUTHORIZED",
      operation: "oauth2 token",
      retryable: false,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("the job signal ends a pending token request", async () => {
    const job = new AbortController();
    const http = client(oauth("?hang=1"), { signal: job.signal, timeoutMs: 30_000 });
    setTimeout(() => job.abort(new Error("job cancelled")), 100);
    const { outcome, ms } = await settle(http.fetch("/ok"));
    expect(outcome).toMatchObject({ code: "ABORTED" });
    expect(ms).toBeLessThan(100 + SLACK_MS);
  });
});

describe("the token request stays on the token endpoint's origin", () => {
  it.each([302, 307])(
    "a %i to another origin is refused, and nothing reaches it",
    async (status) => {
      const other = await startFaultServer();
      try {
        const to = encodeURIComponent(`${other.url}/token`);
        const http = client(oauth("", `${server.url}/redirect?status=${status}&to=${to}`), {
          retry: false,
        });
        const error = await http.fetch("/ok").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(IntegrationError);
        expect(error).toMatchObject({ operation: "oauth2 token", retryable: false });
        expect(other.requests).toHaveLength(0);
        expect(server.hits("/ok")).toBe(0);
      } finally {
        await other.close();
      }
    },
  );
});

describe("the shared in-flight token fetch", () => {
  it("one caller's abort ends only that caller's wait", async () => {
    const http = client(oauth("?delay=400"), { timeoutMs: 5000 });
    const first = new AbortController();
    const a = settle(http.fetch("/ok", { signal: first.signal }));
    const b = settle(http.fetch("/ok"));
    setTimeout(() => first.abort(new Error("caller A gave up")), 100);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.outcome).toMatchObject({ code: "ABORTED" });
    expect(ra.ms).toBeLessThan(100 + SLACK_MS);
    expect(rb.outcome).toBeInstanceOf(Response);
    expect((rb.outcome as Response).status).toBe(200);
    expect(server.hits("/token")).toBe(1);
  });

  it("a caller arriving after an abort still shares the same fetch", async () => {
    const http = client(oauth("?delay=300"), { timeoutMs: 5000 });
    const first = new AbortController();
    const a = settle(http.fetch("/ok", { signal: first.signal }));
    first.abort(new Error("caller A gave up"));
    const b = await settle(http.fetch("/ok"));
    expect((await a).outcome).toMatchObject({ code: "ABORTED" });
    expect((b.outcome as Response).status).toBe(200);
    expect(server.hits("/token")).toBe(1);
  });

  it("a token fetch nobody waits for any more does not crash the process", async () => {
    const http = client(oauth("?fail=1"), { timeoutMs: 5000, retry: false });
    const only = new AbortController();
    const a = settle(http.fetch("/ok", { signal: only.signal }));
    only.abort(new Error("gone"));
    expect((await a).outcome).toMatchObject({ code: "ABORTED" });
    // The abandoned fetch fails (503) with no one listening: no unhandled rejection may follow.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.hits("/token")).toBe(1);
  });
});
