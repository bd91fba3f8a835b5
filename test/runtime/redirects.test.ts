// Issue 10, defect 1: credentials never leave the API's origin, whether a redirect or a next-page
// URL points elsewhere. Two fault servers on different ports are two origins.
import { describe, expect, it } from "vitest";
import {
  type Auth,
  createHttp,
  type HttpOptions,
  IntegrationError,
} from "../../packages/runtime/src/index.js";
import { useFaultServer } from "./helpers/fault-server.js";
import type { Received } from "./helpers/server.js";

const KEY = "key-Redirect-Secret-01";
const PASSWORD = "pw-Redirect-Secret-02";
const CLIENT_SECRET = "cs-Redirect-Secret-03";

const api = useFaultServer();
const other = useFaultServer();

// Built per test: the OAuth2 token URL needs the server's port.
const AUTHS: [string, () => Auth][] = [
  ["apiKey header", () => ({ type: "apiKey", in: "header", name: "X-Api-Key", value: KEY })],
  ["apiKey query", () => ({ type: "apiKey", in: "query", name: "api_key", value: KEY })],
  ["apiKey cookie", () => ({ type: "apiKey", in: "cookie", name: "sid", value: KEY })],
  ["bearer", () => ({ type: "bearer", token: KEY })],
  ["basic", () => ({ type: "basic", username: "ann", password: PASSWORD })],
  [
    "oauth2",
    () => ({
      type: "oauth2ClientCredentials",
      tokenUrl: `${api.url}/token`,
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
    }),
  ],
];

function client(auth: Auth, extra: Partial<HttpOptions> = {}) {
  return createHttp({
    baseUrl: api.url,
    auth,
    rateLimit: false,
    retry: false,
    ...extra,
  });
}

/** Every credential-carrying part of a request, as one string to search. */
function credentialsIn(req: Received): string {
  return [
    req.url,
    req.headers.authorization,
    req.headers["x-api-key"],
    req.headers.cookie,
    req.headers["proxy-authorization"],
    req.body,
  ].join(" ");
}

const BASIC = Buffer.from(`ann:${PASSWORD}`).toString("base64");
const leaked = (req: Received) =>
  [KEY, PASSWORD, BASIC, "tok-"].some((s) => credentialsIn(req).includes(s));

describe("redirects to another origin carry no credential", () => {
  it.each(AUTHS)("%s: a 302 to another origin arrives without credentials", async (_n, auth) => {
    const response = await client(auth()).fetch(
      `/redirect?to=${encodeURIComponent(`${other.url}/ok`)}`,
    );
    expect(response.status).toBe(200);
    expect(other.requests).toHaveLength(1);
    expect(leaked(other.requests[0]!)).toBe(false);
    // The API's own hop did carry them (the strategy is applied, not simply off).
    expect(leaked(api.requests.find((r) => r.url.startsWith("/redirect"))!)).toBe(true);
  });

  it.each(AUTHS)("%s: a 307 chain through the API and out again", async (_n, auth) => {
    const out = `${api.url}/redirect?status=307&to=${encodeURIComponent(`${other.url}/ok`)}`;
    const response = await client(auth()).fetch(
      `/redirect?status=308&to=${encodeURIComponent(out)}`,
    );
    expect(response.status).toBe(200);
    expect(other.requests.map(leaked)).toEqual([false]);
  });

  it.each(AUTHS)("%s: a next-page URL on another origin is fetched bare", async (_n, auth) => {
    await client(auth()).fetch(`${other.url}/ok?page=2`);
    expect(other.requests).toHaveLength(1);
    expect(leaked(other.requests[0]!)).toBe(false);
  });

  it("a redirect back to the API origin after leaving it carries no credential either", async () => {
    const back = `${other.url}/redirect?to=${encodeURIComponent(`${api.url}/ok`)}`;
    await client({ type: "bearer", token: KEY }).fetch(`/redirect?to=${encodeURIComponent(back)}`);
    const final = api.requests.find((r) => r.url === "/ok");
    expect(final).toBeDefined();
    expect(final?.headers.authorization).toBeUndefined();
  });

  it("a same-origin redirect keeps the credentials", async () => {
    await client({ type: "apiKey", in: "header", name: "X-Api-Key", value: KEY }).fetch(
      "/redirect?to=/ok",
    );
    expect(api.requests.map((r) => r.headers["x-api-key"])).toEqual([KEY, KEY]);
  });

  it("a default header holding a job secret is not sent off-origin", async () => {
    const http = createHttp({
      baseUrl: api.url,
      rateLimit: false,
      retry: false,
      headers: { "X-Tenant-Key": KEY, Accept: "application/json" },
      secrets: { tenantKey: KEY },
    });
    await http.fetch(`/redirect?to=${encodeURIComponent(`${other.url}/ok`)}`);
    expect(other.requests[0]?.headers["x-tenant-key"]).toBeUndefined();
    expect(other.requests[0]?.headers.accept).toBe("application/json");
  });

  it("refuses a cross-origin redirect whose URL carries a credential (echoed query key)", async () => {
    const http = client({ type: "apiKey", in: "query", name: "api_key", value: KEY });
    const error = await http
      .fetch(`/redirect?to=${encodeURIComponent(`${other.url}/ok?api_key=${KEY}`)}`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ code: "REDIRECT_REFUSED", retryable: false });
    expect(other.requests).toHaveLength(0);
    expect(String((error as Error).message)).not.toContain(KEY);
  });
});

describe("the runtime follows redirects itself", () => {
  const bearer: Auth = { type: "bearer", token: KEY };

  it("follows at most 5 hops", async () => {
    let target = `${api.url}/ok`;
    for (let i = 0; i < 5; i++) target = `${api.url}/redirect?to=${encodeURIComponent(target)}`;
    expect((await client(bearer).fetch(target)).status).toBe(200);

    api.reset();
    target = `${api.url}/redirect?to=${encodeURIComponent(target)}`;
    const error = await client(bearer)
      .fetch(target)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TOO_MANY_REDIRECTS", retryable: false });
    expect(api.requests).toHaveLength(6);
  });

  it("turns a 303 after a POST into a GET without a body", async () => {
    const response = await client(bearer).fetch("/redirect?status=303&to=/ok", {
      method: "POST",
      body: '{"a":1}',
    });
    expect(await response.json()).toMatchObject({ method: "GET", url: "/ok" });
    expect(api.requests[1]?.body).toBe("");
  });

  it("keeps method and body on a same-origin 307", async () => {
    const response = await client(bearer).fetch("/redirect?status=307&to=/ok", {
      method: "POST",
      body: '{"a":1}',
    });
    expect(await response.json()).toMatchObject({ method: "POST" });
    expect(api.requests[1]?.body).toBe('{"a":1}');
  });

  it("refuses to resend a request body to another origin (307)", async () => {
    const error = await client(bearer)
      .fetch(`/redirect?status=307&to=${encodeURIComponent(`${other.url}/ok`)}`, {
        method: "POST",
        body: '{"a":1}',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "REDIRECT_REFUSED", retryable: false });
    expect(other.requests).toHaveLength(0);
  });

  it("follows the redirects of openapi-fetch calls too", async () => {
    const http = client({ type: "apiKey", in: "header", name: "X-Api-Key", value: KEY });
    const result = await http.api.GET(
      "/redirect" as never,
      {
        params: { query: { to: `${other.url}/ok` } },
      } as never,
    );
    expect(result.response.status).toBe(200);
    expect(other.requests[0]?.headers["x-api-key"]).toBeUndefined();
  });

  it("returns the 3xx itself when the caller asks for redirect: 'manual'", async () => {
    const response = await client(bearer).fetch("/redirect?to=/ok", { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(api.requests).toHaveLength(1);
  });
});

describe("allowedOrigins", () => {
  const bearer: Auth = { type: "bearer", token: KEY };

  it("refuses a next-page URL on an origin not listed", async () => {
    const error = await client(bearer, { allowedOrigins: [] })
      .fetch(`${other.url}/ok`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ code: "ORIGIN_REFUSED", retryable: false });
    expect(other.requests).toHaveLength(0);
  });

  it("refuses a redirect to an origin not listed", async () => {
    const error = await client(bearer, { allowedOrigins: [] })
      .fetch(`/redirect?to=${encodeURIComponent(`${other.url}/ok`)}`)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORIGIN_REFUSED", retryable: false });
    expect(other.requests).toHaveLength(0);
  });

  it("fetches a listed origin, still without credentials", async () => {
    const http = client(bearer, { allowedOrigins: [other.url] });
    expect((await http.fetch(`${other.url}/ok`)).status).toBe(200);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("rejects an allowedOrigins entry that is not an origin", () => {
    expect(() => client(bearer, { allowedOrigins: ["ftp://x"] })).toThrow(/allowedOrigins/);
  });
});

describe("https → http downgrade", () => {
  // The https leg is answered by a stand-in (no certificate on loopback); the http leg is real.
  function downgrading(location: string) {
    const seen: string[] = [];
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      seen.push(url);
      if (url.startsWith("https:"))
        return new Response(null, { status: 302, headers: { location } });
      return globalThis.fetch(input, init);
    }) as typeof globalThis.fetch;
    const http = createHttp({
      baseUrl: "https://api.example.test",
      auth: { type: "bearer", token: KEY },
      rateLimit: false,
      retry: false,
      fetch,
    });
    return { http, seen };
  }

  it("refuses a redirect from https to http", async () => {
    const { http, seen } = downgrading(`${other.url}/ok`);
    const error = await http.fetch("/items").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "DOWNGRADE_REFUSED", retryable: false });
    expect(seen).toEqual(["https://api.example.test/items"]);
    expect(other.requests).toHaveLength(0);
  });

  it("refuses an http next-page URL from an https API", async () => {
    const { http, seen } = downgrading("/");
    const error = await http.fetch(`${other.url}/ok`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "DOWNGRADE_REFUSED", retryable: false });
    expect(seen).toEqual([]);
  });
});
