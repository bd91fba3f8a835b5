// Issue 10, the secret scan: every auth kind × every failure kind × every output channel. No
// credential (nor a token issued for one) may appear in an error's message, stack, any error of
// its cause chain, util.inspect, JSON.stringify, or a line of pino output.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Auth,
  BaseCapability,
  type CapabilityInfo,
  createJob,
  createLogger,
  Integration,
  paginate,
  readJson,
  unwrap,
} from "../../packages/runtime/src/index.js";
import { type FaultServer, startFaultServer } from "./helpers/fault-server.js";
import { collectLogs, recordingSleep } from "./helpers/server.js";

const SECRETS = {
  key: "key-Scan-Secret-0001",
  password: "pw-Scan-Secret-0002",
  clientSecret: "cs-Scan-Secret-0003",
};
const ISSUED = "at-Scan-Issued-";
const BASIC = Buffer.from(`ann:${SECRETS.password}`).toString("base64");
const CLIENT_BASIC = Buffer.from(`cid:${SECRETS.clientSecret}`).toString("base64");
const NEEDLES = [...Object.values(SECRETS), ISSUED, BASIC, CLIENT_BASIC];

class Acme extends BaseCapability {
  static override readonly info: CapabilityInfo = {
    name: "acme",
    title: "Acme",
    description: "d",
    surface: "external",
  };
  async invoke(): Promise<void> {}
}

let api: FaultServer;
let other: FaultServer;
beforeAll(async () => {
  [api, other] = await Promise.all([startFaultServer(), startFaultServer()]);
});
afterAll(() => Promise.all([api.close(), other.close()]));

const AUTHS: [string, (token: string) => Auth][] = [
  [
    "apiKey header",
    () => ({ type: "apiKey", in: "header", name: "X-Api-Key", value: SECRETS.key }),
  ],
  ["apiKey query", () => ({ type: "apiKey", in: "query", name: "api_key", value: SECRETS.key })],
  ["apiKey cookie", () => ({ type: "apiKey", in: "cookie", name: "sid", value: SECRETS.key })],
  ["bearer", () => ({ type: "bearer", token: SECRETS.key })],
  ["basic", () => ({ type: "basic", username: "ann", password: SECRETS.password })],
  [
    "oauth2 (basic client auth)",
    (tokenUrl) => ({
      type: "oauth2ClientCredentials",
      tokenUrl,
      clientId: "cid",
      clientSecret: SECRETS.clientSecret,
    }),
  ],
  [
    "oauth2 (client secret in the body)",
    (tokenUrl) => ({
      type: "oauth2ClientCredentials",
      tokenUrl,
      clientId: "cid",
      clientSecret: SECRETS.clientSecret,
      clientAuth: "body",
    }),
  ],
];

type Client = ReturnType<Acme["http"]>;
const at = (path: string) => `/echo?status=${path}`;

// Each failure kind: what to run, and the token endpoint it needs (OAuth2 only).
const FAILURES: [string, (http: Client) => Promise<unknown>, string?][] = [
  ["401 echoing the request", async (h) => unwrap("getThing", await h.api.GET(at("401") as never))],
  ["500 echoing, retried", async (h) => unwrap("getThing", await h.api.GET(at("500") as never))],
  ["readJson of a 403 echo", async (h) => readJson("getThing", await h.fetch(at("403")))],
  [
    "429 with a reset a day away",
    async (h) => h.fetch("/limited?reset=86400").then((r) => readJson("x", r)),
  ],
  ["dropped connection", (h) => h.fetch("/drop")],
  ["timeout waiting for headers", (h) => h.fetch("/hang")],
  ["stalled body", async (h) => readJson("getThing", await h.fetch("/stall"))],
  ["job abort mid-body", async (h) => h.api.GET("/trickle" as never)],
  [
    "bad JSON echoing credentials in a 200",
    async (h) => {
      const r = await h.fetch(at("200"));
      return JSON.parse(`${await r.text()}oops`);
    },
  ],
  [
    "redirect to another origin that echoes",
    (h) =>
      h
        .fetch(`/redirect?to=${encodeURIComponent(`${other.url}/echo?status=401`)}`)
        .then((r) => readJson("x", r)),
  ],
  [
    "redirect keeping the query off-origin",
    (h) =>
      h.fetch(`/redirect?to=${encodeURIComponent(`${other.url}/echo?api_key=${SECRETS.key}`)}`),
  ],
  ["allowedOrigins refusal", (h) => h.fetch(`${other.url}/ok?api_key=${SECRETS.key}`)],
  ["token endpoint rejecting the client", (h) => h.fetch("/ok"), "?status=401"],
  ["token endpoint hanging", (h) => h.fetch("/ok"), "?hang=1"],
  ["token endpoint failing", (h) => h.fetch("/ok"), "?fail=9"],
  [
    "a listing cut at maxPages with keys in next URLs",
    async (h) => {
      const pages = paginate({
        operation: "listThings",
        strategy: {
          style: "nextUrl",
          nextUrl: () => `/pages/cycle?cursor=c1&api_key=${SECRETS.key}`,
        },
        request: async (step) => {
          const response = await h.fetch("url" in step ? step.url : "/pages/cycle");
          return { body: await readJson("listThings", response), response };
        },
        items: (b) => (b as { data: unknown[] }).data,
        maxPages: 2,
        logger: h.logger,
      });
      for await (const _ of pages) {
        // drain
      }
      throw new Error("listing done");
    },
  ],
];

const logs = collectLogs();
const thrown: { label: string; error: unknown }[] = [];

async function scenario(label: string, auth: Auth, run: (http: Client) => Promise<unknown>) {
  const controller = new AbortController();
  const job = createJob({
    secret: { token: SECRETS.key, password: SECRETS.password, clientSecret: SECRETS.clientSecret },
    signal: controller.signal,
  });
  const log = createLogger({ destination: logs.destination, level: "debug" });
  const cap = new Acme(job, new Integration("acme", "t"), {
    log,
    http: {
      retry: { sleep: recordingSleep().sleep, retries: 1 },
      rateLimit: false,
      timeoutMs: 150,
      allowedOrigins: label.includes("allowedOrigins") ? [] : undefined,
    },
  });
  if (label.includes("abort")) setTimeout(() => controller.abort(new Error("job cancelled")), 50);
  try {
    await run(cap.http({ baseUrl: api.url, auth }));
    thrown.push({ label, error: new Error(`${label}: no error`) });
  } catch (error) {
    thrown.push({ label, error });
    cap.log.error({ err: error }, `${label} failed`);
  }
}

/** Every channel an error reaches: message, stack, each cause, inspect, JSON. */
function channels(error: unknown): string[] {
  const out: string[] = [inspect(error, { depth: Number.POSITIVE_INFINITY }), safeJson(error)];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    out.push(String(e), String((e as Error).message), String((e as Error).stack));
    out.push(safeJson(Object.fromEntries(Object.entries(e as object))));
  }
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch (e) {
    return String(e);
  }
}

describe("secret scan", () => {
  it("no credential in any channel, for every auth kind and failure kind", async () => {
    for (const [authName, makeAuth] of AUTHS) {
      for (const [failure, run, tokenQuery] of FAILURES) {
        if (tokenQuery && !authName.startsWith("oauth2")) continue;
        const tokenUrl = `${api.url}/token${tokenQuery ?? `?prefix=${ISSUED}`}`;
        await scenario(`${authName} × ${failure}`, makeAuth(tokenUrl), run);
      }
    }
    // A credential with a control character, refused when the client is created.
    await scenario(
      "bad credential",
      { type: "bearer", token: `${SECRETS.key}\n` },
      async () => undefined,
    ).catch(() => undefined);

    const leaks: string[] = [];
    for (const { label, error } of thrown) {
      for (const text of channels(error))
        for (const needle of NEEDLES) if (text.includes(needle)) leaks.push(`${label}: ${needle}`);
    }
    for (const line of logs.lines)
      for (const needle of NEEDLES)
        if (line.includes(needle)) leaks.push(`log: ${line.slice(0, 300)}`);
    expect([...new Set(leaks)]).toEqual([]);

    // Not vacuous: the scenarios failed the way they were meant to.
    const codes = thrown.map(({ error }) => (error as { code?: string }).code);
    for (const code of [
      "UNAUTHORIZED",
      "SERVER_ERROR",
      "FORBIDDEN",
      "RATE_LIMITED",
      "NETWORK",
      "TIMEOUT",
      "ABORTED",
      "ORIGIN_REFUSED",
      "REDIRECT_REFUSED",
    ])
      expect(codes).toContain(code);
    expect(logs.lines.some((l) => l.includes("maxPages"))).toBe(true);
    expect(thrown.length).toBeGreaterThan(90);
  });
});
