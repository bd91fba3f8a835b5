// Signature presets against the vendors' own documented examples (test vectors), then the
// variations a forger would try on each.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createReplayStore,
  OptionsError,
  signatureScheme,
  verifyWebhook,
  type WebhookScheme,
  WebhookVerificationError,
} from "../../packages/runtime/src/index.js";

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
}

describe("github (docs.github.com, 'Validating webhook deliveries', test values)", () => {
  // secret "It's a Secret to Everybody", payload "Hello, World!"
  const scheme = signatureScheme("github", "It's a Secret to Everybody");
  const signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
  const headers = (sig = signature) => ({
    "X-Hub-Signature-256": sig,
    "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
  });

  it("accepts the documented signature; the delivery id is the replay id", async () => {
    const verified = await verifyWebhook({ scheme, body: "Hello, World!", headers: headers() });
    expect(verified).toEqual({ id: "72d3162e-cc78-11e3-81ab-4c9367dc0958", timestamp: undefined });
  });

  it.each([
    ["a tampered body", "Hello, World?", signature],
    ["the sha1 form", "Hello, World!", "sha1=757107ea0eb2509fc211221cce984b8a37570b6d"],
    ["upper case", "Hello, World!", `sha256=${signature.slice(7).toUpperCase()}`],
    ["a character appended", "Hello, World!", `${signature}0`],
  ])("rejects %s", async (_name, body, sig) => {
    expect(await outcome(verifyWebhook({ scheme, body, headers: headers(sig) }))).toBe(
      "invalid-signature",
    );
  });

  it("rejects the same delivery id twice", async () => {
    const replay = createReplayStore();
    await verifyWebhook({ scheme, body: "Hello, World!", headers: headers(), replay });
    expect(
      await outcome(verifyWebhook({ scheme, body: "Hello, World!", headers: headers(), replay })),
    ).toBe("replayed");
  });
});

describe("slack (api.slack.com, 'Verifying requests from Slack', worked example)", () => {
  const body =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  const scheme = signatureScheme("slack", "8f742231b10e8888abcd99yyyzzz85a5");
  const headers = {
    "X-Slack-Request-Timestamp": "1531420618",
    "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
  };
  const at = (seconds: number) => () => seconds * 1000;

  it("accepts the documented request at its time", async () => {
    const verified = await verifyWebhook({ scheme, body, headers, now: at(1531420618 + 30) });
    expect(verified.timestamp).toBe(1531420618);
  });

  it("refuses it five minutes later (Slack's advice), and with another timestamp", async () => {
    expect(await outcome(verifyWebhook({ scheme, body, headers, now: at(1531420618 + 301) }))).toBe(
      "stale",
    );
    const moved = { ...headers, "X-Slack-Request-Timestamp": "1531420619" };
    expect(
      await outcome(verifyWebhook({ scheme, body, headers: moved, now: at(1531420618) })),
    ).toBe("invalid-signature");
  });

  it("derives the replay id from the timestamp and the signature's bytes", async () => {
    const replay = createReplayStore({ now: at(1531420618) });
    const now = at(1531420618);
    await verifyWebhook({ scheme, body, headers, now, replay });
    const spaced = { ...headers, "X-Slack-Signature": ` ${headers["X-Slack-Signature"]} ` };
    expect(await outcome(verifyWebhook({ scheme, body, headers: spaced, now, replay }))).toBe(
      "replayed",
    );
  });
});

describe("standard (Standard Webhooks reference example, signed through the standardwebhooks package)", () => {
  const scheme = signatureScheme("standard", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  const body = '{"test": 2432232314}';
  const headers = (signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=") => ({
    "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "webhook-timestamp": "1614265330",
    "webhook-signature": signature,
  });
  const now = () => 1614265330 * 1000;

  it("accepts the example, also among other signatures (key rotation)", async () => {
    expect(await verifyWebhook({ scheme, body, headers: headers(), now })).toEqual({
      id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
      timestamp: 1614265330,
    });
    const rotated = headers(
      "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
    expect(await outcome(verifyWebhook({ scheme, body, headers: rotated, now }))).toBe("ok");
  });

  it.each([
    ["another version tag", "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="],
    ["junk appended", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=AA"],
    ["a flipped bit", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF="],
  ])("rejects %s", async (_name, signature) => {
    expect(await outcome(verifyWebhook({ scheme, body, headers: headers(signature), now }))).toBe(
      "invalid-signature",
    );
  });
});

describe("stripe (docs.stripe.com, 'Verify webhook signatures manually')", () => {
  const secret = "whsec_capkit_test_5d41402abc4b2a76";
  const scheme = signatureScheme("stripe", secret);
  const body = '{"id":"evt_test_webhook","object":"event"}';
  // Step 2 of the recipe: HMAC-SHA256 of `${t}.${payload}` with the endpoint's signing secret.
  const v1 = (t: number, key = secret) =>
    createHmac("sha256", key).update(`${t}.${body}`).digest("hex");
  const t = 1492774577;
  const now = () => (t + 10) * 1000;

  it("accepts a header in the documented shape, with a v0 and a second v1 present", async () => {
    const header = `t=${t},v1=${"0".repeat(64)},v1=${v1(t)},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39`;
    expect(
      await outcome(verifyWebhook({ scheme, body, headers: { "Stripe-Signature": header }, now })),
    ).toBe("ok");
  });

  it("treats the documented example header (another secret) as a bad signature, not a crash", async () => {
    const header =
      "t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";
    expect(
      await outcome(verifyWebhook({ scheme, body, headers: { "Stripe-Signature": header }, now })),
    ).toBe("invalid-signature");
  });

  it.each([
    ["a wrong secret", `t=${t},v1=${v1(t, "whsec_other")}`, "invalid-signature"],
    ["no timestamp", `v1=${v1(t)}`, "missing-timestamp"],
    ["two timestamps", `t=${t},t=${t + 1},v1=${v1(t)}`, "missing-timestamp"],
    ["upper case", `t=${t},v1=${v1(t).toUpperCase()}`, "invalid-signature"],
    ["an old timestamp", `t=${t - 600},v1=${v1(t - 600)}`, "stale"],
  ])("rejects %s", async (_name, header, want) => {
    expect(
      await outcome(verifyWebhook({ scheme, body, headers: { "Stripe-Signature": header }, now })),
    ).toBe(want);
  });
});

describe("okta (developer.okta.com, event hooks: a shared secret in the Authorization header)", () => {
  const scheme = signatureScheme("okta", "capkit-okta-shared-secret");
  const body = '{"eventType":"com.okta.event_hook","data":{"events":[]}}';

  it("accepts the configured header value and refuses any other", async () => {
    expect(
      await outcome(
        verifyWebhook({ scheme, body, headers: { Authorization: "capkit-okta-shared-secret" } }),
      ),
    ).toBe("ok");
    for (const value of [
      "capkit-okta-shared-secre",
      "capkit-okta-shared-secretx",
      "CAPKIT-OKTA-SHARED-SECRET",
    ]) {
      expect(
        await outcome(verifyWebhook({ scheme, body, headers: { Authorization: value } })),
      ).toBe("invalid-signature");
    }
    expect(await outcome(verifyWebhook({ scheme, body, headers: {} }))).toBe("missing-signature");
  });

  it("uses a digest of the body as the replay id (Okta sends no delivery id)", async () => {
    const replay = createReplayStore();
    const headers = { authorization: "capkit-okta-shared-secret" };
    await verifyWebhook({ scheme, body, headers, replay });
    expect(await outcome(verifyWebhook({ scheme, body, headers, replay }))).toBe("replayed");
    expect(await outcome(verifyWebhook({ scheme, body: `${body} `, headers, replay }))).toBe("ok");
  });
});

describe("hmac-sha256:<header>[:hex|base64]", () => {
  it("reads the header and the encoding from the preset", async () => {
    const scheme = signatureScheme("hmac-sha256:X-Shopify-Hmac-Sha256:base64", "shh");
    expect(scheme).toEqual({
      type: "hmac-sha256",
      secret: "shh",
      header: "x-shopify-hmac-sha256",
      encoding: "base64",
    });
    const body = '{"id":1}';
    const sig = createHmac("sha256", "shh").update(body).digest("base64");
    expect(
      await outcome(verifyWebhook({ scheme, body, headers: { "X-Shopify-Hmac-Sha256": sig } })),
    ).toBe("ok");
    expect(
      await outcome(
        verifyWebhook({
          scheme,
          body,
          headers: {
            "X-Shopify-Hmac-Sha256": createHmac("sha256", "shh").update(body).digest("hex"),
          },
        }),
      ),
    ).toBe("invalid-signature");
  });

  it.each([
    "hmac-sha256",
    "hmac-sha256:",
    "hmac-sha256:x-sig:base32",
    "hmac-sha256:bad header",
    "rsa",
  ])("refuses the preset %j", (preset) => {
    expect(() => signatureScheme(preset, "shh")).toThrow(OptionsError);
  });

  it("refuses an empty secret", () => {
    expect(() => signatureScheme("github", "")).toThrow(OptionsError);
  });
});

it("every preset name builds a scheme", () => {
  const types: WebhookScheme["type"][] = ["github", "stripe", "slack", "standard", "okta"].map(
    (p) => signatureScheme(p, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").type,
  );
  expect(types).toEqual(["github", "stripe", "slack", "standard", "okta"]);
});
