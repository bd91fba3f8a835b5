import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Auth,
  createHttp,
  IntegrationError,
  unwrap,
} from "../../packages/runtime/src/index.js";
import { createOAuth2TokenSource } from "../../packages/runtime/src/oauth2.js";
import { json, recordingSleep, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

function client(auth: Auth) {
  return createHttp<Record<string, never>>({
    baseUrl: server.url,
    auth,
    rateLimit: false,
    retry: { sleep: recordingSleep().sleep },
  });
}

describe("static auth strategies", () => {
  it.each<[string, Auth, (r: TestServer["requests"][number]) => unknown, unknown]>([
    ["bearer", { type: "bearer", token: "tok-1" }, (r) => r.headers.authorization, "Bearer tok-1"],
    [
      "basic",
      { type: "basic", username: "ann", password: "pw:1" },
      (r) => r.headers.authorization,
      `Basic ${Buffer.from("ann:pw:1").toString("base64")}`,
    ],
    [
      "apiKey in header",
      { type: "apiKey", in: "header", name: "X-Api-Key", value: "k1" },
      (r) => r.headers["x-api-key"],
      "k1",
    ],
    [
      "apiKey in query",
      { type: "apiKey", in: "query", name: "api_key", value: "k 2" },
      (r) => r.url,
      "/items?page=2&api_key=k+2",
    ],
    [
      "apiKey in cookie",
      { type: "apiKey", in: "cookie", name: "sid", value: "k3" },
      (r) => r.headers.cookie,
      "sid=k3",
    ],
    ["none", { type: "none" }, (r) => r.headers.authorization, undefined],
  ])("%s", async (_name, auth, read, want) => {
    server.handle((_req, res) => json(res, 200, {}));
    await client(auth).fetch("/items?page=2");
    expect(read(server.requests[0]!)).toEqual(want);
  });

  it("never sends credentials to another origin (a foreign next-page URL)", async () => {
    const other = await startServer((_req, res) => json(res, 200, {}));
    try {
      server.handle((_req, res) => json(res, 200, {}));
      await client({ type: "bearer", token: "tok-1" }).fetch(`${other.url}/page2`);
      expect(other.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe("OAuth2 client credentials", () => {
  const oauth = (): Auth => ({
    type: "oauth2ClientCredentials",
    tokenUrl: `${server.url}/token`,
    clientId: "cid",
    clientSecret: "csecret",
    scopes: ["read", "write"],
  });

  /** Token endpoint issuing tok-1, tok-2, …; API accepts only tokens in `valid`. */
  function oauthServer(valid: (token: string) => boolean) {
    let issued = 0;
    server.handle((req, res) => {
      if (req.url === "/token") {
        issued += 1;
        json(res, 200, { access_token: `tok-${issued}`, token_type: "bearer", expires_in: 3600 });
        return;
      }
      const token = req.headers.authorization?.replace("Bearer ", "") ?? "";
      if (valid(token)) json(res, 200, { token });
      else json(res, 401, { error: "expired" });
    });
  }

  it("fetches a token once with basic client auth and the scopes, then caches it", async () => {
    oauthServer(() => true);
    const http = client(oauth());
    await http.fetch("/a");
    await http.fetch("/b");
    await http.fetch("/c");
    const tokenCalls = server.requests.filter((r) => r.url === "/token");
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from("cid:csecret").toString("base64")}`,
    );
    expect(new URLSearchParams(tokenCalls[0]?.body)).toEqual(
      new URLSearchParams({ grant_type: "client_credentials", scope: "read write" }),
    );
    const apiCalls = server.requests.filter((r) => r.url !== "/token");
    expect(apiCalls.map((r) => r.headers.authorization)).toEqual(Array(3).fill("Bearer tok-1"));
  });

  it("shares one token request between concurrent calls", async () => {
    oauthServer(() => true);
    const http = client(oauth());
    await Promise.all([http.fetch("/a"), http.fetch("/b"), http.fetch("/c")]);
    expect(server.requests.filter((r) => r.url === "/token")).toHaveLength(1);
  });

  it("on a 401, fetches a fresh token and retries exactly once", async () => {
    oauthServer((token) => token === "tok-2");
    const response = await client(oauth()).fetch("/a");
    expect(response.status).toBe(200);
    expect(server.requests.map((r) => r.url)).toEqual(["/token", "/a", "/token", "/a"]);
  });

  it("retries a 401 only once, then returns it (unwrap: UNAUTHORIZED, not retryable)", async () => {
    oauthServer(() => false);
    const http = client(oauth());
    const result = await http.api.GET("/a" as never);
    expect(server.requests.map((r) => r.url)).toEqual(["/token", "/a", "/token", "/a"]);
    expect(() => unwrap("getA", result as never)).toThrow(
      expect.objectContaining({ code: "UNAUTHORIZED", status: 401, retryable: false }),
    );
  });

  it("refreshes before the token expires", async () => {
    let now = 0;
    let issued = 0;
    const fakeFetch = (async () =>
      new Response(
        JSON.stringify({ access_token: `t${++issued}`, expires_in: 600 }),
      )) as typeof fetch;
    const source = createOAuth2TokenSource(
      { tokenUrl: "http://token", clientId: "c", clientSecret: "s" },
      { fetch: fakeFetch, now: () => now },
    );
    expect(await source.token()).toBe("t1");
    now = 530_000; // 70 s before expiry: still fresh
    expect(await source.token()).toBe("t1");
    now = 545_000; // inside the 60 s refresh margin
    expect(await source.token()).toBe("t2");
  });

  it("sends client credentials in the body when clientAuth is 'body'", async () => {
    oauthServer(() => true);
    await client({ ...oauth(), clientAuth: "body" } as Auth).fetch("/a");
    const token = server.requests.find((r) => r.url === "/token");
    expect(token?.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(token?.body).get("client_secret")).toBe("csecret");
  });

  it("reports a failing token endpoint as an IntegrationError without the secret", async () => {
    server.handle((_req, res) =>
      json(res, 400, { error: "invalid_client", client_secret: "csecret" }),
    );
    const error = await client(oauth())
      .fetch("/a")
      .catch((e: unknown) => e as IntegrationError);
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).operation).toBe("oauth2 token");
    expect((error as IntegrationError).status).toBe(400);
    expect(String((error as IntegrationError).message)).not.toContain("csecret");
  });
});
