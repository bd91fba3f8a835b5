// Issue 10, item 4: altered signatures, replay ids, tolerance 0, and bad arguments.
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
const hex = createHmac("sha256", "shh").update(body).digest("hex");
const b64 = createHmac("sha256", "shh").update(body).digest("base64");

const github: WebhookScheme = {
  type: "hmac-sha256",
  secret: "shh",
  header: "x-hub-signature-256",
  prefix: "sha256=",
};
const base64: WebhookScheme = {
  type: "hmac-sha256",
  secret: "shh",
  header: "x-sig",
  encoding: "base64",
};

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "accepted";
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe("verifyWebhook decodes signatures strictly", () => {
  it.each([
    ["zz appended", `${hex}zz`],
    ["0 appended", `${hex}0`],
    ["00 appended", `${hex}00`],
    ["upper-cased", hex.toUpperCase()],
    ["a space inside", `${hex.slice(0, 10)} ${hex.slice(10)}`],
    // the same low byte as the hex digit it replaces: equal in latin1, not in UTF-8
    [
      "a character above U+00FF",
      `${String.fromCharCode(0x100 + hex.charCodeAt(0))}${hex.slice(1)}`,
    ],
    ["one digit changed", `${hex.slice(0, -1)}${hex.endsWith("0") ? "1" : "0"}`],
  ])("rejects a hex signature with %s", async (_name, signature) => {
    const headers = { "x-hub-signature-256": `sha256=${signature}` };
    expect(await reason(verifyWebhook({ scheme: github, body, headers, now }))).toBe(
      "invalid-signature",
    );
  });

  it.each([
    ["junk appended", `${b64}!!`],
    ["padding dropped", b64.replace(/=+$/, "")],
    ["extra padding", `${b64}==`],
    ["the URL-safe alphabet", b64.replace(/\+/g, "-").replace(/\//g, "_")],
    ["a character appended", `${b64}A`],
  ])("rejects a base64 signature with %s", async (_name, signature) => {
    // make sure the variant really differs, or the case proves nothing
    expect(signature).not.toBe(b64);
    expect(
      await reason(verifyWebhook({ scheme: base64, body, headers: { "x-sig": signature }, now })),
    ).toBe("invalid-signature");
  });

  it("still accepts the exact signatures", async () => {
    expect(
      await reason(
        verifyWebhook({
          scheme: github,
          body,
          headers: { "x-hub-signature-256": `sha256=${hex}` },
          now,
        }),
      ),
    ).toBe("accepted");
    expect(
      await reason(verifyWebhook({ scheme: base64, body, headers: { "x-sig": b64 }, now })),
    ).toBe("accepted");
  });

  it("rejects a Standard Webhooks signature with junk appended", async () => {
    const key = Buffer.from("standard-webhooks-test-key-32byt");
    const ts = NOW / 1000;
    const sig = createHmac("sha256", key).update(`m1.${ts}.${body}`).digest("base64");
    const scheme: WebhookScheme = { type: "standard", secret: `whsec_${key.toString("base64")}` };
    for (const bad of [`${sig}!!`, `${sig}A`, sig.replace(/=+$/, "")]) {
      const headers = {
        "webhook-id": "m1",
        "webhook-timestamp": String(ts),
        "webhook-signature": `v1,${bad}`,
      };
      expect(await reason(verifyWebhook({ scheme, body, headers, now }))).toBe("invalid-signature");
    }
  });
});

describe("verifyWebhook replay ids", () => {
  it("treats the same signature written differently as one delivery", async () => {
    const replay = createReplayStore({ now });
    const first = { "x-hub-signature-256": `sha256=${hex}` };
    const second = { "x-hub-signature-256": ` sha256=${hex} ` };
    expect(await reason(verifyWebhook({ scheme: github, body, headers: first, now, replay }))).toBe(
      "accepted",
    );
    expect(
      await reason(verifyWebhook({ scheme: github, body, headers: second, now, replay })),
    ).toBe("replayed");
  });

  it("derives the id from the delivery id header when there is one, never the raw signature", async () => {
    const withId: WebhookScheme = { ...github, idHeader: "x-github-delivery" };
    const headers = { "x-hub-signature-256": `sha256=${hex}`, "x-github-delivery": "d-1" };
    const verified = await verifyWebhook({ scheme: withId, body, headers, now });
    expect(verified.id).toContain("d-1");
    const plain = await verifyWebhook({
      scheme: github,
      body,
      headers: { "x-hub-signature-256": `sha256=${hex}` },
      now,
    });
    expect(plain.id).not.toContain(hex);
    expect(plain.id).not.toContain("sha256=");
  });
});

describe("verifyWebhook refuses bad arguments with a clear error", () => {
  const headers = { "x-hub-signature-256": `sha256=${hex}` };

  it("toleranceSeconds: 0 is a configuration error", async () => {
    const error = await verifyWebhook({
      scheme: github,
      body,
      headers,
      now,
      toleranceSeconds: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).option).toBe("toleranceSeconds");
  });

  it("a parsed object instead of the raw body", async () => {
    const error = await verifyWebhook({
      scheme: github,
      body: JSON.parse(body) as never,
      headers,
      now,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).option).toBe("body");
    expect((error as Error).message).toMatch(/raw body/);
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "x-hub-signature-256: sha256=abc"],
  ])("headers that are %s", async (_name, bad) => {
    const error = await verifyWebhook({ scheme: github, body, headers: bad as never, now }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as OptionsError).option).toBe("headers");
  });

  it("a missing scheme", async () => {
    const error = await verifyWebhook({ scheme: undefined as never, body, headers, now }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OptionsError);
  });
});
