// The receiver base class behind a real node:http server on 127.0.0.1: every answer the issue
// names (200, 202, 400, 401, 405, 409, 413, 500, 503), and what reaches the logs.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Asset,
  type CapabilityInfo,
  createJob,
  createLogger,
  createReplayStore,
  Integration,
  nodeListener,
  on,
  type PlatformModel,
  Risk,
  toResponse,
  WebhookCapability,
  type WebhookDelivery,
  type WebhookOptions,
  type WebhookRoute,
  z,
} from "../../packages/runtime/src/index.js";

const SECRET = "capkit-receiver-secret-7f3a";
const Alert = z.looseObject({
  action: z.string(),
  alert: z.object({ host: z.string(), rule: z.string() }),
});

class Hooks extends WebhookCapability {
  static override readonly info: CapabilityInfo = {
    name: "hooks",
    title: "Hooks",
    description: "test receiver",
    surface: "external",
  };
  override readonly signature: string = "github";
  delayMs = 0;
  fail = false;
  seen: WebhookDelivery | undefined;

  protected override routes(): readonly WebhookRoute[] {
    return [
      {
        event: "alert/created",
        headers: { "x-github-event": "alert" },
        fields: [{ path: ["action"], value: "created" }],
      },
      {
        event: "alert/ignored",
        headers: { "x-github-event": "alert" },
        fields: [{ path: ["action"], value: "ignored" }],
      },
    ];
  }

  protected override handlers() {
    return {
      "alert/created": on(Alert, async (event, delivery) => {
        this.seen = delivery;
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
        if (this.fail) throw new Error("transform failed");
        this.sendRisk(
          new Risk(new Asset(event.alert.host, event.alert.host), event.alert.rule, "TH"),
        );
      }),
    };
  }
}

function setup(
  options: WebhookOptions = {},
  secret: Record<string, string> = { webhookSecret: SECRET },
) {
  const logs: string[] = [];
  const sent: PlatformModel[] = [];
  const job = createJob({ secret, send: (...m) => sent.push(...m) });
  const receiver = new Hooks(job, new Integration("hooks", "acme"), {
    log: createLogger({
      level: "debug",
      destination: { write: (line: string) => logs.push(line) },
    }),
    replay: createReplayStore(),
    ...options,
  });
  return { receiver, logs, sent };
}

let server: Server;
let url = "";
let current = setup();
beforeAll(async () => {
  server = createServer((req, res) => nodeListener(current.receiver)(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let deliveries = 0;
function delivery(
  payload: unknown,
  overrides: Record<string, string | undefined> = {},
  secret = SECRET,
) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": "alert",
    "x-github-delivery": `delivery-${++deliveries}`,
    "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return { body, headers };
}

const post = (d: { body: string; headers: Record<string, string> }) =>
  fetch(url, { method: "POST", body: d.body, headers: d.headers });

const created = { action: "created", alert: { host: "app.example.com", rule: "sql-injection" } };

describe("webhook receiver over node:http", () => {
  it("a valid delivery: 200 and the risk sent", async () => {
    current = setup();
    const d = delivery(created);
    const res = await post(d);
    expect(res.status).toBe(200);
    expect(current.sent).toEqual([
      new Risk(new Asset("app.example.com", "app.example.com"), "sql-injection", "TH"),
    ]);
    const seen = current.receiver.seen;
    expect([seen?.event, seen?.id, seen?.header("X-GitHub-Event")]).toEqual([
      "alert/created",
      d.headers["x-github-delivery"],
      "alert",
    ]);
    expect(seen?.signal.aborted).toBe(false);
  });

  it.each([
    [
      "a tampered body",
      () => ({ ...delivery(created), body: JSON.stringify({ ...created, action: "created " }) }),
    ],
    ["a wrong secret", () => delivery(created, {}, "another-secret")],
    [
      "characters appended to the signature",
      () => {
        const d = delivery(created);
        return {
          ...d,
          headers: { ...d.headers, "x-hub-signature-256": `${d.headers["x-hub-signature-256"]}00` },
        };
      },
    ],
    [
      "an upper-cased signature",
      () => {
        const d = delivery(created);
        const sig = d.headers["x-hub-signature-256"]!;
        return {
          ...d,
          headers: { ...d.headers, "x-hub-signature-256": `sha256=${sig.slice(7).toUpperCase()}` },
        };
      },
    ],
    ["no signature header", () => delivery(created, { "x-hub-signature-256": undefined })],
  ])("%s: 401 and nothing sent", async (_name, make) => {
    current = setup();
    const res = await post(make());
    expect(res.status).toBe(401);
    expect(current.sent).toEqual([]);
  });

  it("a replayed delivery: 409, sent once", async () => {
    current = setup();
    const d = delivery(created);
    expect((await post(d)).status).toBe(200);
    expect((await post(d)).status).toBe(409);
    expect(current.sent).toHaveLength(1);
  });

  it("an oversized body: 413, by Content-Length and by a stream that grows past the cap", async () => {
    current = setup({ maxBodyBytes: 1024 });
    const big = delivery({ ...created, padding: "x".repeat(4096) });
    expect((await post(big)).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode("x".repeat(512)));
        controller.close();
      },
    });
    const res = await fetch(url, {
      method: "POST",
      body: stream,
      headers: big.headers,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(current.sent).toEqual([]);
  });

  it("an event nobody selected, or one without a handler: 202 and a debug log", async () => {
    current = setup();
    expect((await post(delivery(created, { "x-github-event": "push" }))).status).toBe(202);
    expect((await post(delivery({ ...created, action: "ignored" }))).status).toBe(202);
    expect(current.sent).toEqual([]);
    expect(current.logs.join("\n")).toContain("not handled");
  });

  it("a payload that fails its schema: 400 with the field path, logged without the value", async () => {
    current = setup();
    const res = await post(
      delivery({ action: "created", alert: { host: "secret-host.example", rule: 42 } }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("alert.rule");
    expect(current.receiver.seen).toBeUndefined();
    const logs = current.logs.join("\n");
    expect(logs).toContain("alert.rule");
    expect(logs).not.toContain("secret-host.example");
  });

  it("a body that is not JSON: 400", async () => {
    current = setup();
    expect((await post(delivery("not json"))).status).toBe(400);
  });

  it("a handler that throws: 500, and the vendor's retry is accepted (the replay id is released)", async () => {
    current = setup();
    current.receiver.fail = true;
    const d = delivery(created);
    expect((await post(d)).status).toBe(500);
    current.receiver.fail = false;
    expect((await post(d)).status).toBe(200);
    expect(current.sent).toHaveLength(1);
  });

  it("a handler past its deadline: 503 at the deadline, and the retry is accepted", async () => {
    current = setup({ deadlineMs: 50 });
    current.receiver.delayMs = 1500;
    const d = delivery(created);
    const started = performance.now();
    const res = await post(d);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(performance.now() - started).toBeLessThan(1200);
    expect(current.receiver.seen?.signal.aborted).toBe(true);
    current.receiver.delayMs = 0;
    expect((await post(d)).status).toBe(200);
  });

  it("with onDeadline acknowledge: 202 at the deadline, and the work still finishes", async () => {
    current = setup({ deadlineMs: 50, onDeadline: "acknowledge" });
    current.receiver.delayMs = 200;
    expect((await post(delivery(created))).status).toBe(202);
    await new Promise((r) => setTimeout(r, 400));
    expect(current.sent).toHaveLength(1);
  });

  it("a GET: 405", async () => {
    current = setup();
    const res = await fetch(url);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("no secret in the job: 500, logged as a configuration error naming the key only", async () => {
    current = setup({}, {});
    expect((await post(delivery(created))).status).toBe(500);
    expect(current.logs.join("\n")).toContain("webhookSecret");
  });

  it("never logs the secret or a signature", async () => {
    current = setup();
    const d = delivery(created);
    await post(d);
    await post(delivery(created, {}, "wrong"));
    const logs = current.logs.join("\n");
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain(d.headers["x-hub-signature-256"]!.slice(7));
  });
});

describe("scheme conventions", () => {
  it("okta: answers the one-time verification challenge once the shared secret checks out", async () => {
    class Okta extends Hooks {
      override readonly signature = "okta";
    }
    const okta = new Okta(
      createJob({ secret: { webhookSecret: SECRET } }),
      new Integration("hooks", "x"),
    );
    const challenge = (auth?: string) =>
      okta.handle(
        new Request("http://localhost/hooks", {
          headers: {
            "x-okta-verification-challenge": "ch-123",
            ...(auth ? { authorization: auth } : {}),
          },
        }),
      );
    const ok = await challenge(SECRET);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ verification: "ch-123" });
    expect((await challenge("wrong")).status).toBe(401);
    expect((await challenge()).status).toBe(401);
  });

  it("slack: echoes a signed url_verification challenge", async () => {
    class Slack extends Hooks {
      override readonly signature = "slack";
    }
    const slack = new Slack(
      createJob({ secret: { webhookSecret: SECRET } }),
      new Integration("hooks", "x"),
      {
        replay: createReplayStore(),
      },
    );
    const body = JSON.stringify({
      type: "url_verification",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
    const res = await slack.receive({
      body,
      headers: { "x-slack-request-timestamp": String(ts), "x-slack-signature": signature },
    });
    expect(res.status).toBe(200);
    expect(await toResponse(res).json()).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("refuses bad receiver options at construction", () => {
    expect(() => setup({ maxBodyBytes: 0 })).toThrow("maxBodyBytes");
    expect(() => setup({ deadlineMs: -1 })).toThrow("deadlineMs");
    expect(() => setup({ toleranceSeconds: 0 })).toThrow("toleranceSeconds");
  });
});
