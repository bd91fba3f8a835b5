// Issue 10, defect 7 (first half): credentials are checked when the client is created (a
// configuration error naming the key, never the value, and nothing sent or retried), and a
// non-idempotent request's network failure is not called retryable unless the operation is
// marked idempotent (the brief's `idempotent: ["METHOD /spec/path"]` contract).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type Auth,
  createHttp,
  createJob,
  type HttpOptions,
  Integration,
  OptionsError,
} from "../../packages/runtime/src/index.js";
import { Acme } from "./helpers/acme.js";
import { useFaultServer } from "./helpers/fault-server.js";
import { recordingSleep, startServer, type TestServer } from "./helpers/server.js";
import { thrown } from "./helpers/settle.js";

const server = useFaultServer();

const BAD = "Bad-Secret-Value-9\n";

describe("credentials are validated when the client is created", () => {
  const cases: [string, Auth, string][] = [
    ["bearer with a newline", { type: "bearer", token: BAD }, "auth.token"],
    ["bearer with a NUL", { type: "bearer", token: "tok\u0000en-value" }, "auth.token"],
    [
      "basic password with CR LF",
      { type: "basic", username: "ann", password: BAD },
      "auth.password",
    ],
    [
      "basic username with a colon",
      { type: "basic", username: "a:nn", password: "pw" },
      "auth.username",
    ],
    [
      "apiKey header value",
      { type: "apiKey", in: "header", name: "X-Api-Key", value: BAD },
      "auth.value",
    ],
    [
      "apiKey header value outside Latin-1",
      { type: "apiKey", in: "header", name: "X-Api-Key", value: "key-€-value" },
      "auth.value",
    ],
    [
      "apiKey header name with a space",
      { type: "apiKey", in: "header", name: "X Api Key", value: "k-1" },
      "auth.name",
    ],
    [
      "apiKey query value",
      { type: "apiKey", in: "query", name: "api_key", value: BAD },
      "auth.value",
    ],
    [
      "apiKey cookie value with a semicolon",
      { type: "apiKey", in: "cookie", name: "sid", value: "abc; admin=1" },
      "auth.value",
    ],
    [
      "oauth2 client secret",
      {
        type: "oauth2ClientCredentials",
        tokenUrl: "http://127.0.0.1:1/token",
        clientId: "cid",
        clientSecret: BAD,
      },
      "auth.clientSecret",
    ],
  ];

  it.each(cases)("%s", (_name, auth, key) => {
    const error = thrown(() => createHttp({ baseUrl: server.url, auth }));
    expect(error).toBeInstanceOf(OptionsError);
    expect(error).toMatchObject({ code: "INVALID_CREDENTIAL", option: key, retryable: false });
    const message = (error as Error).message;
    expect(message).toContain(key);
    for (const value of Object.values(auth)) {
      if (typeof value === "string" && value.length > 4 && /[^\w.:/-]/.test(value))
        expect(message).not.toContain(value.trim());
    }
  });

  it("a bad default header value is refused by name", () => {
    expect(() => createHttp({ baseUrl: server.url, headers: { "X-Tenant": BAD } })).toThrow(
      expect.objectContaining({ code: "INVALID_CREDENTIAL", option: "headers.X-Tenant" }),
    );
  });

  it("through a capability, the error names the job's secret key", () => {
    const job = createJob({ secret: { apiToken: BAD } });
    const cap = new Acme(job, new Integration("acme", "x"));
    const error = thrown(() =>
      cap.http({ baseUrl: server.url, auth: { type: "bearer", token: job.secret.apiToken! } }),
    );
    expect(error).toMatchObject({ code: "INVALID_CREDENTIAL" });
    expect((error as Error).message).toContain("apiToken");
    expect((error as Error).message).not.toContain("Bad-Secret-Value-9");
  });

  it("nothing is sent and nothing retried: a bad header at call time is not a network error", async () => {
    const { sleep, delays } = recordingSleep();
    const http = createHttp({ baseUrl: server.url, rateLimit: false, retry: { sleep } });
    const error = await http
      .fetch("/ok", { headers: { "x-extra": "Bad-Secret-Value-9\nInjected: 1" } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_REQUEST", retryable: false });
    expect(String((error as Error).message)).not.toContain("Bad-Secret-Value-9");
    expect(server.requests).toHaveLength(0);
    expect(delays).toEqual([]);
  });
});

describe("non-idempotent requests and the idempotent contract", () => {
  let dropping: TestServer;
  beforeAll(async () => {
    // Accepts the request, then drops the connection: a network error after the request was sent.
    dropping = await startServer((_req, res) => res.socket?.destroy());
  });
  afterAll(() => dropping.close());
  beforeEach(() => dropping.handle((_req, res) => res.socket?.destroy()));

  function client(options: Partial<HttpOptions> = {}) {
    const recorder = recordingSleep();
    const http = createHttp<Record<string, never>>({
      baseUrl: dropping.url,
      rateLimit: false,
      retry: { sleep: recorder.sleep, retries: 2 },
      ...options,
    });
    return { http, delays: recorder.delays };
  }

  it("a POST network error is not retried and not retryable", async () => {
    const { http, delays } = client();
    const error = await http
      .fetch("/items", { method: "POST", body: "{}" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NETWORK", retryable: false });
    expect(dropping.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("a POST timeout is not retryable either", async () => {
    dropping.handle(() => undefined);
    const { http } = client({ timeoutMs: 100 });
    const error = await http
      .fetch("/items", { method: "POST", body: "{}" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TIMEOUT", retryable: false });
    expect(dropping.requests).toHaveLength(1);
  });

  it("a GET network error stays retryable", async () => {
    const { http } = client();
    const error = await http.fetch("/items").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NETWORK", retryable: true });
    expect(dropping.requests).toHaveLength(3);
  });

  it("a POST marked idempotent (openapi-fetch, by path template) is retried like a GET", async () => {
    const { http, delays } = client({ idempotent: ["POST /items/{id}/search"] });
    const error = await http.api
      .POST("/items/{id}/search" as never, { params: { path: { id: 7 } }, body: {} } as never)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NETWORK", retryable: true });
    expect(dropping.requests.map((r) => r.url)).toEqual(Array(3).fill("/items/7/search"));
    expect(delays).toHaveLength(2);
  });

  it("a marked POST through api.request(method, path) is matched too", async () => {
    const { http } = client({ idempotent: ["POST /items/{id}/search"] });
    const error = await http.api
      .request(
        "post" as never,
        "/items/{id}/search" as never,
        {
          params: { path: { id: 7 } },
          body: {},
        } as never,
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "NETWORK",
      retryable: true,
      operation: "POST /items/{id}/search",
    });
    expect(dropping.requests).toHaveLength(3);
  });

  it("a marked POST is retried on 503 too, resending its body", async () => {
    dropping.handle((_req, res, i) => {
      res.writeHead(i === 0 ? 503 : 200, { "content-type": "application/json" });
      res.end("{}");
    });
    const { http } = client({ idempotent: ["POST /items/{id}/search"] });
    const result = await http.api.POST(
      "/items/{id}/search" as never,
      { params: { path: { id: 7 } }, body: { q: 1 } } as never,
    );
    expect(result.response.status).toBe(200);
    expect(dropping.requests.map((r) => r.body)).toEqual(['{"q":1}', '{"q":1}']);
  });

  it("a marked path matches a direct fetch under the base URL's path", async () => {
    const recorder = recordingSleep();
    const http = createHttp({
      baseUrl: `${dropping.url}/api/v1`,
      rateLimit: false,
      retry: { sleep: recorder.sleep, retries: 1 },
      idempotent: ["POST /auditevents"],
    });
    const error = await http
      .fetch("/api/v1/auditevents", { method: "POST", body: "{}" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NETWORK", retryable: true });
    expect(dropping.requests).toHaveLength(2);
  });

  it("another POST on the same client is still not retried", async () => {
    const { http } = client({ idempotent: ["POST /items/{id}/search"] });
    const error = await http
      .fetch("/items/7", { method: "POST", body: "{}" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: false });
    expect(dropping.requests).toHaveLength(1);
  });

  it.each([["/items"], ["POST items"], ["POST"], [""]])("refuses the entry %j", (entry) => {
    expect(() => createHttp({ baseUrl: dropping.url, idempotent: [entry] })).toThrow(
      expect.objectContaining({ option: "idempotent[0]" }),
    );
  });
});
