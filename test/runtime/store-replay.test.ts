import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type CapabilityInfo,
  createJob,
  createLogger,
  createRedisStore,
  Integration,
  on,
  type StateStore,
  setStateStore,
  WebhookCapability,
  type WebhookRoute,
  z,
} from "../../packages/runtime/src/index.js";
import { freePort, type RedisServer, startRedis } from "./helpers/redis-server.js";

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
afterEach(() => {
  delete process.env.CAPKIT_REDIS_URL;
  setStateStore(undefined);
});

const SECRET = "replay-receiver-secret-0123456789";

class Hooks extends WebhookCapability {
  static override readonly info: CapabilityInfo = {
    name: "hooks",
    title: "Hooks",
    description: "test receiver",
    surface: "external",
  };
  override readonly signature: string = "github";
  protected override routes(): readonly WebhookRoute[] {
    return [{ event: "ping", headers: { "x-github-event": "ping" }, fields: [] }];
  }
  protected override handlers() {
    return { ping: on(z.looseObject({}), () => {}) };
  }
}

/** A receiver as a worker builds it: no replay store given, so the state store's is used. */
function receiver(): Hooks {
  const job = createJob({ secret: { webhookSecret: SECRET }, send: () => {} });
  return new Hooks(job, new Integration("hooks", "acme"), { log: quiet });
}

function delivery(id: string) {
  const body = JSON.stringify({ zen: "Keep it logically awesome." });
  const signature = createHmac("sha256", SECRET).update(body).digest("hex");
  const headers = new Headers({
    "x-github-event": "ping",
    "x-github-delivery": id,
    "x-hub-signature-256": `sha256=${signature}`,
  });
  return { headers, body };
}

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
    const keys = await redis.keys("replay:replay:*");
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(" ")).not.toContain("5257a869");
  });

  it("refuses at a second receiver (its own worker) a delivery the first one handled", async () => {
    setStateStore(receivers[0]);
    const first = receiver();
    expect((await first.receive(delivery("gh-delivery-1"))).status).toBe(200);
    setStateStore(receivers[1]);
    const second = receiver();
    expect((await second.receive(delivery("gh-delivery-1"))).status).toBe(409);
    expect((await second.receive(delivery("gh-delivery-2"))).status).toBe(200);
  });

  it("answers 500 (not configured) when CAPKIT_REDIS_URL names a Redis that is not there", async () => {
    process.env.CAPKIT_REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    const outcome = await receiver().receive(delivery("gh-delivery-3"));
    expect(outcome.status).toBe(500);
    expect(outcome.message).toBe("The receiver is not configured.");
  });
});
