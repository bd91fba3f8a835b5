import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createLogger,
  createRedisStore,
  type StateStore,
} from "../../packages/runtime/src/index.js";
import { type RedisServer, startRedis } from "./helpers/redis-server.js";

const quiet = createLogger({ level: "silent" });
let redis: RedisServer;
let receivers: StateStore[];

beforeAll(async () => {
  redis = await startRedis();
  receivers = await Promise.all(
    [1, 2, 3].map(() => createRedisStore({ url: redis.url, keyPrefix: "replay:", logger: quiet })),
  );
});
afterAll(async () => {
  await Promise.all(receivers.map((s) => s.close()));
  await redis.close();
});

function replays(namespace = "acme-webhook") {
  return receivers.map((store) => store.replayStore(namespace));
}

describe("shared webhook replay store (real redis-server)", () => {
  it("refuses at every receiver a delivery id one of them has seen", async () => {
    const [a, b, c] = replays();
    expect(await a?.claim("delivery-1", 60_000)).toBe(true);
    expect(await b?.claim("delivery-1", 60_000)).toBe(false);
    expect(await c?.claim("delivery-1", 60_000)).toBe(false);
    expect(await a?.claim("delivery-1", 60_000)).toBe(false);
  });

  it("lets one of many concurrent deliveries of an id through", async () => {
    const stores = replays();
    const claims = await Promise.all(
      stores.flatMap((store) => [1, 2, 3].map(() => store.claim("delivery-race", 60_000))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("accepts the vendor's retry once the failed delivery is released", async () => {
    const [a, b] = replays();
    expect(await a?.claim("delivery-2", 60_000)).toBe(true);
    await a?.release("delivery-2");
    expect(await b?.claim("delivery-2", 60_000)).toBe(true);
  });

  it("forgets an id after its tolerance window", async () => {
    const [a, b] = replays();
    expect(await a?.claim("delivery-3", 300)).toBe(true);
    expect(await b?.claim("delivery-3", 300)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await b?.claim("delivery-3", 300)).toBe(true);
  });

  it("keeps receivers apart by name, and ids out of the keys", async () => {
    const [a] = replays("first");
    const [, b] = replays("second");
    const id = "t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd";
    expect(await a?.claim(id, 60_000)).toBe(true);
    expect(await b?.claim(id, 60_000)).toBe(true);
    const { Redis } = await import("ioredis");
    const reader = new Redis(redis.url);
    try {
      const keys = await reader.keys("replay:replay:*");
      expect(keys.join(" ")).not.toContain("5257a869");
    } finally {
      reader.disconnect();
    }
  });
});
