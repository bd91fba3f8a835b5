import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createReplayStore,
  OptionsError,
  verifyWebhook,
  type WebhookScheme,
  WebhookVerificationError,
} from "../../packages/runtime/src/index.js";

const body = '{"event":"alert.created","id":42}';
const NOW = 1_700_000_000_000;
const now = () => NOW;

const hmacScheme: WebhookScheme = {
  type: "hmac-sha256",
  secret: "shh",
  header: "X-Hub-Signature-256",
  prefix: "sha256=",
};
const sign = (payload: string, secret = "shh", encoding: "hex" | "base64" = "hex") =>
  createHmac("sha256", secret).update(payload).digest(encoding);

// Standard Webhooks: `whsec_` + base64 key; signs `${id}.${timestamp}.${body}`.
const key = Buffer.from("standard-webhooks-test-key-32byt");
const standardScheme: WebhookScheme = {
  type: "standard",
  secret: `whsec_${key.toString("base64")}`,
};
function standardHeaders(id: string, ts: number, payload = body, k = key) {
  const sig = createHmac("sha256", k).update(`${id}.${ts}.${payload}`).digest("base64");
  return {
    "webhook-id": id,
    "webhook-timestamp": String(ts),
    "webhook-signature": `v1,Zm9v v1,${sig}`,
  };
}

async function reason(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).reason;
  }
}

describe("verifyWebhook: HMAC-SHA256", () => {
  it("accepts a valid hex signature with a prefix", async () => {
    const headers = { "x-hub-signature-256": `sha256=${sign(body)}` };
    await expect(verifyWebhook({ scheme: hmacScheme, body, headers, now })).resolves.toMatchObject({
      timestamp: undefined,
    });
  });

  it("a scheme object whose secret changes verifies with the new secret, never a cached one", async () => {
    const scheme: WebhookScheme = { ...hmacScheme, secret: "old-secret" };
    const headers = (secret: string) => ({ "x-hub-signature-256": `sha256=${sign(body, secret)}` });
    await verifyWebhook({ scheme, body, headers: headers("old-secret"), now });
    scheme.secret = "new-secret";
    expect(await reason(verifyWebhook({ scheme, body, headers: headers("old-secret"), now }))).toBe(
      "invalid-signature",
    );
    await verifyWebhook({ scheme, body, headers: headers("new-secret"), now });
  });

  it("accepts a valid base64 signature from a Headers object and a byte body", async () => {
    const scheme: WebhookScheme = {
      type: "hmac-sha256",
      secret: "shh",
      header: "x-sig",
      encoding: "base64",
    };
    const headers = new Headers({ "x-sig": sign(body, "shh", "base64") });
    await expect(
      verifyWebhook({ scheme, body: new TextEncoder().encode(body), headers, now }),
    ).resolves.toBeDefined();
  });

  it.each([
    [
      "a wrong secret",
      { "x-hub-signature-256": `sha256=${sign(body, "other")}` },
      "invalid-signature",
    ],
    [
      "a tampered body",
      { "x-hub-signature-256": `sha256=${sign(`${body} `)}` },
      "invalid-signature",
    ],
    ["a missing prefix", { "x-hub-signature-256": sign(body) }, "invalid-signature"],
    [
      "a truncated signature",
      { "x-hub-signature-256": `sha256=${sign(body).slice(0, 20)}` },
      "invalid-signature",
    ],
    ["no signature header", {}, "missing-signature"],
  ])("rejects %s", async (_name, headers, want) => {
    expect(await reason(verifyWebhook({ scheme: hmacScheme, body, headers, now }))).toBe(want);
  });

  it("checks a signed timestamp against the tolerance", async () => {
    const scheme: WebhookScheme = {
      type: "hmac-sha256",
      secret: "shh",
      header: "x-sig",
      timestampHeader: "x-ts",
    };
    const fresh = NOW / 1000 - 60;
    const ok = { "x-sig": sign(`${fresh}.${body}`), "x-ts": String(fresh) };
    await expect(verifyWebhook({ scheme, body, headers: ok, now })).resolves.toMatchObject({
      timestamp: fresh,
    });
    const stale = NOW / 1000 - 301;
    const old = { "x-sig": sign(`${stale}.${body}`), "x-ts": String(stale) };
    expect(await reason(verifyWebhook({ scheme, body, headers: old, now }))).toBe("stale");
    // Moving the timestamp without re-signing breaks the signature.
    expect(
      await reason(
        verifyWebhook({ scheme, body, headers: { ...old, "x-ts": String(fresh) }, now }),
      ),
    ).toBe("invalid-signature");
  });

  it("rejects a replayed delivery", async () => {
    const replay = createReplayStore({ now });
    const headers = { "x-hub-signature-256": `sha256=${sign(body)}` };
    await verifyWebhook({ scheme: hmacScheme, body, headers, now, replay });
    expect(await reason(verifyWebhook({ scheme: hmacScheme, body, headers, now, replay }))).toBe(
      "replayed",
    );
  });
});

describe("verifyWebhook: Standard Webhooks", () => {
  const ts = NOW / 1000;

  it("accepts a valid delivery (any v1 signature of several)", async () => {
    await expect(
      verifyWebhook({ scheme: standardScheme, body, headers: standardHeaders("msg_1", ts), now }),
    ).resolves.toEqual({
      id: "msg_1",
      timestamp: ts,
    });
  });

  it("rejects a wrong key", async () => {
    const headers = standardHeaders("msg_1", ts, body, Buffer.from("another-key"));
    expect(await reason(verifyWebhook({ scheme: standardScheme, body, headers, now }))).toBe(
      "invalid-signature",
    );
  });

  it("rejects a stale and a future timestamp", async () => {
    for (const t of [ts - 600, ts + 600]) {
      expect(
        await reason(
          verifyWebhook({ scheme: standardScheme, body, headers: standardHeaders("m", t), now }),
        ),
      ).toBe("stale");
    }
  });

  it("rejects a replayed webhook-id, also with a fresh signature", async () => {
    const replay = createReplayStore({ now });
    await verifyWebhook({
      scheme: standardScheme,
      body,
      headers: standardHeaders("msg_9", ts),
      now,
      replay,
    });
    const again = standardHeaders("msg_9", ts + 1);
    expect(
      await reason(verifyWebhook({ scheme: standardScheme, body, headers: again, now, replay })),
    ).toBe("replayed");
  });

  it("rejects missing headers", async () => {
    expect(await reason(verifyWebhook({ scheme: standardScheme, body, headers: {}, now }))).toBe(
      "missing-signature",
    );
    const noTs = { ...standardHeaders("m", ts), "webhook-timestamp": "" };
    expect(await reason(verifyWebhook({ scheme: standardScheme, body, headers: noTs, now }))).toBe(
      "missing-timestamp",
    );
  });

  it("rejects bad options with a named option", async () => {
    await expect(
      verifyWebhook({ scheme: { type: "rsa" } as never, body, headers: {} }),
    ).rejects.toThrow(OptionsError);
    await expect(
      verifyWebhook({ scheme: { type: "standard", secret: "" }, body, headers: {} }),
    ).rejects.toThrow("Expected `scheme.secret` to be a non-empty string.");
  });
});

describe("createReplayStore", () => {
  it("forgets ids after they expire, caps its size, and releases on request", async () => {
    let t = 0;
    const store = createReplayStore({ maxEntries: 2, now: () => t });
    expect(await store.claim("a", 100)).toBe(true);
    expect(await store.claim("a", 100)).toBe(false);
    t = 150;
    expect(await store.claim("a", 150)).toBe(true);
    await store.claim("b", 150);
    await store.claim("c", 150);
    // "a" was the oldest of three: evicted past the cap of two
    expect(await store.claim("a", 150)).toBe(true);
    expect(await store.claim("c", 150)).toBe(false);
    await store.release("c");
    expect(await store.claim("c", 150)).toBe(true);
  });

  it("refuses a replay of the oldest id while full, and keeps the newest ids past its cap", async () => {
    let t = 0;
    const store = createReplayStore({ maxEntries: 3, now: () => t });
    for (const id of ["a", "b", "c"]) expect(await store.claim(id, 1000)).toBe(true);
    // full: a replay of the oldest is still refused, and evicts nothing
    expect(await store.claim("a", 1000)).toBe(false);
    expect(await store.claim("d", 1000)).toBe(true);
    expect(await store.claim("a", 1000)).toBe(true);
    for (const id of ["c", "d", "a"]) expect(await store.claim(id, 1000)).toBe(false);
    // thousands of claims later (the queue is compacted on the way), only the last three are held
    for (let i = 0; i < 5000; i++) {
      t += 1;
      expect(await store.claim(`id-${i}`, 1000)).toBe(true);
    }
    for (const id of ["id-4999", "id-4998", "id-4997"])
      expect(await store.claim(id, 1000)).toBe(false);
    expect(await store.claim("id-4996", 1000)).toBe(true);
  });

  it("holds a re-claimed id for its new window, not its released one", async () => {
    let t = 0;
    const store = createReplayStore({ maxEntries: 10, now: () => t });
    expect(await store.claim("x", 100)).toBe(true);
    await store.release("x");
    t = 50;
    expect(await store.claim("x", 100)).toBe(true);
    // the first claim's window has passed; the second's has not
    t = 120;
    expect(await store.claim("y", 100)).toBe(true);
    expect(await store.claim("x", 100)).toBe(false);
    t = 150;
    expect(await store.claim("x", 100)).toBe(true);
  });

  it("refuses a bad cap", () => {
    expect(() => createReplayStore({ maxEntries: 0 })).toThrow(OptionsError);
  });
});
