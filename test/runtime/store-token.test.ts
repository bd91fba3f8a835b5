import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHttp,
  createLogger,
  createRedisStore,
  readJson,
  type StateStore,
} from "../../packages/runtime/src/index.js";
import { type LimitedApi, startLimitedApi } from "./helpers/limited-api.js";
import { type RedisServer, startRedis } from "./helpers/redis-server.js";

let redis: RedisServer;
let api: LimitedApi;
let shortLived: LimitedApi;
const stores: StateStore[] = [];
const lines: string[] = [];
const logger = createLogger({ level: "debug", destination: { write: (l) => lines.push(l) } });

beforeAll(async () => {
  [redis, api, shortLived] = await Promise.all([
    startRedis(),
    startLimitedApi({ rate: 1000, burst: 1000 }),
    startLimitedApi({ rate: 1000, burst: 1000, tokenLifetimeSec: 2 }),
  ]);
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all([redis.close(), api.close(), shortLived.close()]);
});

async function workers(count: number, prefix: string): Promise<StateStore[]> {
  const made = await Promise.all(
    Array.from({ length: count }, () =>
      createRedisStore({ url: redis.url, keyPrefix: prefix, logger }),
    ),
  );
  stores.push(...made);
  return made;
}

const CLIENT_SECRET = "cs_token_cache_secret_0123456789abcdef";

function client(store: StateStore, target: LimitedApi) {
  return createHttp({
    baseUrl: target.url,
    auth: {
      type: "oauth2ClientCredentials",
      tokenUrl: target.tokenUrl,
      clientId: "capkit-client",
      clientSecret: CLIENT_SECRET,
    },
    rateLimit: false,
    store,
    logger,
  });
}

async function get(http: ReturnType<typeof client>, id: string): Promise<unknown> {
  return readJson("getRecord", await http.fetch(`/records/${id}`));
}

describe("shared OAuth2 token cache (real redis-server)", () => {
  it("fetches one token for six workers starting at once", async () => {
    api.reset();
    const clients = (await workers(6, "token-once:")).map((store) => client(store, api));
    await Promise.all(clients.flatMap((http, i) => [get(http, `a${i}`), get(http, `b${i}`)]));
    expect(api.stats.tokenFetches).toBe(1);
    expect(api.stats.accepted).toBe(12);
  });

  it("refreshes before expiry, once for all workers", async () => {
    shortLived.reset();
    const clients = (await workers(4, "token-refresh:")).map((store) => client(store, shortLived));
    await Promise.all(clients.map((http, i) => get(http, `first${i}`)));
    expect(shortLived.stats.tokenFetches).toBe(1);
    // A 2 s token is refreshed halfway through its life: after 1 s, before it expires.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await Promise.all(clients.map((http, i) => get(http, `second${i}`)));
    expect(shortLived.stats.tokenFetches).toBe(2);
    expect(shortLived.stats.unauthorized).toBe(0);
  });

  it("after a 401, one worker fetches a new token and the others take it", async () => {
    api.reset();
    const clients = (await workers(3, "token-401:")).map((store) => client(store, api));
    await Promise.all(clients.map((http, i) => get(http, `before${i}`)));
    expect(api.stats.tokenFetches).toBe(1);
    api.revokeTokens();
    // One after the other: each worker meets the 401 with its own copy of the revoked token.
    for (const [i, http] of clients.entries()) await get(http, `after${i}`);
    expect(api.stats.tokenFetches).toBe(2);
    expect(api.stats.unauthorized).toBe(3);
  });

  it("keeps the token sealed in Redis and out of every log line", async () => {
    api.reset();
    lines.length = 0;
    const [store] = await workers(1, "token-sealed:");
    if (!store) throw new Error("no store");
    const http = client(store, api);
    await get(http, "sealed");
    const keys = await redis.keys("token-sealed:token:*");
    expect(keys).toHaveLength(1);
    const stored = (await redis.get(keys[0] ?? "")) ?? "";
    expect(stored.length).toBeGreaterThan(40);
    const [token] = api.stats.issued;
    expect(api.stats.issued).toHaveLength(1);
    // Neither the token nor the client secret is readable in Redis or in the logs.
    for (const secret of [token ?? "", CLIENT_SECRET]) {
      expect(stored).not.toContain(secret);
      expect(Buffer.from(stored, "base64url").toString("latin1")).not.toContain(secret);
      expect(lines.join("\n")).not.toContain(secret);
    }
    expect(keys[0]).not.toContain("capkit-client");
  });
});
