// Issue 10, the secret scan: every auth kind × every failure kind × every output channel. No
// credential (nor a token issued for one) may appear in an error's message, stack, any error of
// its cause chain, util.inspect, JSON.stringify, or a line of pino output.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  type Auth,
  createJob,
  createLogger,
  type HttpOptions,
  Integration,
  paginate,
  readJson,
  unwrap,
} from "../../packages/runtime/src/index.js";
import { Acme } from "./helpers/acme.js";
import { useFaultServer } from "./helpers/fault-server.js";
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

const api = useFaultServer();
const other = useFaultServer();

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

interface Failure {
  name: string;
  run: (http: Client) => Promise<unknown>;
  /** The token endpoint's query: a failure of the OAuth2 kinds only. */
  token?: string;
  http?: Partial<HttpOptions>;
  /** The job is cancelled 50 ms in, with this reason. */
  abort?: unknown;
}

const listing = async (h: Client) => {
  const pages = paginate({
    operation: "listThings",
    strategy: { style: "nextUrl", nextUrl: () => `/pages/cycle?cursor=c1&api_key=${SECRETS.key}` },
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
};

// A fetch (a proxy's, say) whose error quotes the URL it was given, query key and all.
const quotingFetch = (async (input: string | URL | Request) => {
  const url = input instanceof Request ? input.url : String(input);
  throw new TypeError("fetch failed", { cause: new Error(`proxy refused ${url}`) });
}) as typeof fetch;

const FAILURES: Failure[] = [
  ...["400", "401", "404", "500", "503"].map((status) => ({
    name: `${status} echoing the request`,
    run: async (h: Client) => unwrap("getThing", await h.api.GET(at(status) as never)),
  })),
  {
    name: "readJson of a 403 echo",
    run: async (h) => readJson("getThing", await h.fetch(at("403"))),
  },
  {
    name: "429 with a reset a day away",
    run: async (h) => readJson("x", await h.fetch("/limited?reset=86400")),
  },
  { name: "dropped connection", run: (h) => h.fetch("/drop") },
  {
    name: "a fetch error quoting the URL",
    run: (h) => h.fetch("/ok"),
    http: { fetch: quotingFetch },
  },
  { name: "timeout waiting for headers", run: (h) => h.fetch("/hang") },
  { name: "stalled body", run: async (h) => readJson("getThing", await h.fetch("/stall")) },
  {
    name: "job abort mid-body, the reason quoting a key",
    run: (h) => h.api.GET("/trickle" as never),
    abort: new Error(`cancelled: key ${SECRETS.key} revoked`),
  },
  {
    name: "job abort while waiting for headers",
    run: (h) => h.fetch("/hang"),
    http: { timeoutMs: 5000 },
    abort: new Error(`cancelled: key ${SECRETS.key} revoked`),
  },
  {
    name: "job abort while waiting for a token",
    run: (h) => h.fetch("/ok"),
    token: `?delay=1000&prefix=${ISSUED}`,
    abort: new Error(`cancelled: key ${SECRETS.key} revoked`),
  },
  {
    name: "a key in the URL path, answered 404",
    run: async (h) => readJson("x", await h.fetch(`/bot${SECRETS.key}/items`)),
  },
  {
    name: "a key in the URL path, connection dropped",
    run: (h) => h.fetch(`/bot${SECRETS.key}/drop`),
  },
  {
    name: "bad JSON echoing credentials in a 200 (readJson)",
    run: async (h) => readJson("getThing", await h.fetch(`${at("200")}&raw=1`)),
  },
  {
    name: "bad JSON echoing credentials in a 200 (openapi-fetch)",
    run: (h) => h.api.GET(`${at("200")}&raw=1` as never),
  },
  {
    name: "redirect to another origin that echoes",
    run: async (h) =>
      readJson("x", await h.fetch(`/redirect?to=${encodeURIComponent(`${other.url}/echo`)}`)),
  },
  {
    name: "redirect keeping the query off-origin",
    run: (h) =>
      h.fetch(`/redirect?to=${encodeURIComponent(`${other.url}/echo?api_key=${SECRETS.key}`)}`),
  },
  {
    name: "allowedOrigins refusal",
    run: (h) => h.fetch(`${other.url}/ok?api_key=${SECRETS.key}`),
    http: { allowedOrigins: [] },
  },
  { name: "token endpoint rejecting the client", run: (h) => h.fetch("/ok"), token: "?status=401" },
  { name: "token endpoint hanging", run: (h) => h.fetch("/ok"), token: "?hang=1" },
  { name: "token endpoint failing", run: (h) => h.fetch("/ok"), token: "?fail=9" },
  { name: "a listing cut at maxPages with keys in next URLs", run: listing },
];

const logs = collectLogs();
const thrown: { label: string; error: unknown }[] = [];

async function scenario(label: string, auth: Auth, failure: Omit<Failure, "name">) {
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
      ...failure.http,
    },
  });
  if (failure.abort) setTimeout(() => controller.abort(failure.abort), 50);
  try {
    await failure.run(cap.http({ baseUrl: api.url, auth }));
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
      for (const failure of FAILURES) {
        if (failure.token && !authName.startsWith("oauth2")) continue;
        const tokenUrl = `${api.url}/token${failure.token ?? `?prefix=${ISSUED}`}`;
        await scenario(`${authName} × ${failure.name}`, makeAuth(tokenUrl), failure);
      }
    }
    // A credential with a control character, refused when the client is created.
    await scenario(
      "bad credential",
      { type: "bearer", token: `${SECRETS.key}\n` },
      { run: async () => undefined },
    );

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
      "BAD_JSON",
      "INVALID_CREDENTIAL",
    ])
      expect(codes).toContain(code);
    expect(logs.lines.some((l) => l.includes("maxPages"))).toBe(true);
    expect(thrown.length).toBeGreaterThan(90);
  });
});
