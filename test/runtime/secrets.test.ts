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
  unwrap,
} from "../../packages/runtime/src/index.js";
import {
  collectLogs,
  json,
  recordingSleep,
  startServer,
  type TestServer,
} from "./helpers/server.js";

// Distinct, greppable values: none may appear in anything logged or thrown below.
const SECRETS = {
  token: "tok_Secret_Value_0001",
  password: "pw-Secret-Value-0002",
  apiKey: "key-Secret-Value-0003",
  clientSecret: "cs-Secret-Value-0004",
};
const BASIC = Buffer.from(`ann:${SECRETS.password}`).toString("base64");
const ISSUED = "at-Secret-Issued-0005";
const NEEDLES = [...Object.values(SECRETS), BASIC, ISSUED];

class Acme extends BaseCapability {
  static override readonly info: CapabilityInfo = {
    name: "acme",
    title: "Acme",
    description: "d",
    surface: "external",
  };
  async invoke(): Promise<void> {}
}

let server: TestServer;
const logs = collectLogs();
const thrown: unknown[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Everything an error can show: message, stack, inspect (with causes), JSON, snippet. */
function renderError(error: unknown): string {
  const e = error as { snippet?: unknown };
  return [
    String(error),
    (error as Error)?.stack,
    inspect(error, { depth: 10 }),
    JSON.stringify(error),
    e?.snippet,
  ].join("\n");
}

function auths(url: string): [string, Auth][] {
  return [
    ["bearer", { type: "bearer", token: SECRETS.token }],
    ["basic", { type: "basic", username: "ann", password: SECRETS.password }],
    ["apiKey header", { type: "apiKey", in: "header", name: "X-Api-Key", value: SECRETS.apiKey }],
    ["apiKey query", { type: "apiKey", in: "query", name: "api_key", value: SECRETS.apiKey }],
    ["apiKey cookie", { type: "apiKey", in: "cookie", name: "sid", value: SECRETS.apiKey }],
    [
      "oauth2",
      {
        type: "oauth2ClientCredentials",
        tokenUrl: `${url}/token`,
        clientId: "cid",
        clientSecret: SECRETS.clientSecret,
      },
    ],
  ];
}

/** The server echoes every credential it received, the way careless APIs do. */
function echo(status: number) {
  return (
    req: TestServer["requests"][number],
    res: Parameters<Parameters<TestServer["handle"]>[0]>[1],
  ) => {
    if (req.url === "/token") {
      json(res, 200, { access_token: ISSUED, expires_in: 3600 });
      return;
    }
    json(res, status, {
      error: "denied",
      detail: `you sent ${req.headers.authorization ?? ""} ${req.headers["x-api-key"] ?? ""} ${req.headers.cookie ?? ""} to ${req.url}`,
      headers: req.headers,
    });
  };
}

async function scenario(auth: Auth, run: (cap: Acme) => Promise<unknown>) {
  const job = createJob({ secret: { ...SECRETS } });
  const log = createLogger({ destination: logs.destination, level: "debug" });
  const cap = new Acme(job, new Integration("acme", "t"), {
    log,
    http: {
      retry: { sleep: recordingSleep().sleep, retries: 1 },
      rateLimit: false,
      timeoutMs: 100,
    },
  });
  log.info({ job, secret: job.secret, auth }, "starting");
  try {
    await run(cap);
  } catch (error) {
    thrown.push(error);
    log.error({ err: error }, "scenario failed");
  }
}

describe("no secret in anything logged or thrown", () => {
  it("runs the scenarios", async () => {
    for (const [, auth] of auths(server.url)) {
      const http = (cap: Acme) => cap.http({ baseUrl: server.url, auth });
      for (const status of [400, 401, 403, 404, 429, 500, 503]) {
        server.handle(echo(status));
        await scenario(auth, async (cap) =>
          unwrap("listHosts", await http(cap).api.GET("/hosts" as never)),
        );
      }
      server.handle((req, res) =>
        req.url === "/token" ? echo(200)(req, res) : res.socket?.destroy(),
      );
      await scenario(auth, (cap) => http(cap).fetch("/hosts"));
      server.handle((req, res) =>
        req.url === "/token" ? echo(200)(req, res) : setTimeout(() => json(res, 200, {}), 500),
      );
      await scenario(auth, (cap) => http(cap).fetch("/slow"));
      server.handle((_req, res, i) =>
        json(res, 200, {
          data: [1],
          next: `${server.url}/hosts?page=${i + 2}&api_key=${SECRETS.apiKey}`,
        }),
      );
      await scenario(auth, async (cap) => {
        const client = http(cap);
        const pages = paginate({
          operation: "listHosts",
          strategy: { style: "nextUrl", nextUrl: (b) => (b as { next: string }).next },
          request: async (step) => {
            const response = await client.fetch("url" in step ? step.url : "/hosts");
            return { body: await response.json(), response };
          },
          items: (b) => (b as { data: number[] }).data,
          maxPages: 2,
          logger: cap.log,
        });
        for await (const _ of pages) {
          // drain
        }
      });
    }
    // The token endpoint rejecting the client, echoing what it got.
    server.handle((req, res) =>
      json(res, 401, { error: "invalid_client", got: req.headers.authorization, body: req.body }),
    );
    const [, oauth] = auths(server.url).at(-1)!;
    await scenario(oauth, (cap) => cap.http({ baseUrl: server.url, auth: oauth }).fetch("/hosts"));

    expect(thrown.length).toBeGreaterThan(40);
    expect(logs.lines.length).toBeGreaterThan(100);
    const everything = [...logs.lines, ...thrown.map(renderError)].join("\n");
    // Guard against a vacuous pass: the scenarios did produce errors and warnings about the calls.
    expect(everything).toContain("listHosts failed with HTTP 401");
    expect(everything).toContain("retrying");
    expect(everything).toContain("maxPages");
    // Listing the leaking lines makes a failure say where the secret escaped.
    const leaks = everything.split("\n").filter((line) => NEEDLES.some((n) => line.includes(n)));
    expect(leaks).toEqual([]);
  });
});
