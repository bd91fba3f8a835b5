// Issue 10, defect 7 (second half): the logger masks credential keys whatever their case and
// depth, sanitises every URL-valued string, and masks the job's own secret values wherever they
// appear in a logged string.
import { describe, expect, it } from "vitest";
import { createJob, createLogger, Integration } from "../../packages/runtime/src/index.js";
import { Acme } from "./helpers/acme.js";
import { collectLogs } from "./helpers/server.js";

const S = "S3cr3t-Value-7781";

// Common shapes a credential takes in a log call (issue 10 counted 13 of 25 leaking).
const SHAPES: [string, () => unknown[]][] = [
  ["password", () => [{ password: S }]],
  ["passwd", () => [{ passwd: S }]],
  ["pwd", () => [{ pwd: S }]],
  ["secret", () => [{ secret: S }]],
  ["token", () => [{ token: S }]],
  ["apiKey", () => [{ apiKey: S }]],
  ["apikey", () => [{ apikey: S }]],
  ["api_key", () => [{ api_key: S }]],
  ["API-KEY", () => [{ "API-KEY": S }]],
  ["x-api-key", () => [{ "x-api-key": S }]],
  ['headers["X-Api-Key"]', () => [{ headers: { "X-Api-Key": S } }]],
  ["headers.Authorization", () => [{ headers: { Authorization: `Bearer ${S}` } }]],
  ["headers.authorization basic", () => [{ headers: { authorization: `Basic ${S}` } }]],
  ["headers.Cookie", () => [{ headers: { Cookie: `sid=${S}` } }]],
  ["Set-Cookie", () => [{ response: { headers: { "Set-Cookie": `sid=${S}; HttpOnly` } } }]],
  ["X-Auth-Token", () => [{ "X-Auth-Token": S }]],
  ["clientSecret", () => [{ clientSecret: S }]],
  ["client_secret", () => [{ client_secret: S }]],
  ["accessToken", () => [{ accessToken: S }]],
  ["refresh_token", () => [{ refresh_token: S }]],
  ["privateKey", () => [{ privateKey: S }]],
  ["secretAccessKey", () => [{ secretAccessKey: S }]],
  ["request.url query", () => [{ request: { url: `https://api.example.com/x?api_key=${S}` } }]],
  ["url user-info", () => [{ url: `https://ann:${S}@api.example.com/x` }]],
  ["a URL under any key", () => [{ link: `https://api.example.com/x?page=2&token=${S}` }]],
  ["a relative URL", () => [{ path: `/v1/items?access_token=${S}` }]],
  ["deeper than 3", () => [{ a: { b: { c: { d: { e: { token: S } } } } } }]],
  ["in an array", () => [{ items: [{ id: 1 }, { password: S }] }]],
  ["an Auth object", () => [{ options: { auth: { type: "apiKey", name: "k", value: S } } }]],
  ["a URL in the message", () => [{}, `calling https://api.example.com/x?key=${S}`]],
  ["a URL as an interpolated argument", () => ["calling %s", `https://h.example/x?sig=${S}`]],
  ["an error with a URL", () => [{ err: new Error(`failed for https://h.example/?api_key=${S}`) }]],
  [
    "an error's cause",
    () => [{ err: new Error("outer", { cause: new Error(`inner https://h.example/?t=${S}`) }) }],
  ],
  ["a bearer header in a message", () => [{}, `sent Authorization: Bearer ${S}`]],
  ["a key=value pair in a string", () => [{ note: `retry with password=${S} later` }]],
];

function logger(secrets?: readonly string[]) {
  const logs = collectLogs();
  const log = createLogger({ destination: logs.destination, level: "debug", secrets });
  return { log, lines: logs.lines };
}

describe("credential shapes are masked", () => {
  it.each(SHAPES)("%s", (_name, args) => {
    const { log, lines } = logger();
    (log.info as (...a: unknown[]) => void)(...args());
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(S);
  });

  it("keeps what is not a credential", () => {
    const { log, lines } = logger();
    log.info(
      {
        operation: "listHosts",
        count: 3,
        tokenUrl: "https://login.example.com/oauth/token?x=1",
        tokens: 12,
        nested: { id: "abc", status: 503 },
      },
      "paged",
    );
    expect(JSON.parse(lines[0]!)).toMatchObject({
      operation: "listHosts",
      count: 3,
      tokenUrl: "https://login.example.com/oauth/token",
      tokens: 12,
      nested: { id: "abc", status: 503 },
      msg: "paged",
    });
  });

  it("keeps an error's type, message and stack (without the secret)", () => {
    const { log, lines } = logger();
    const error = new TypeError(`bad https://h.example/?k=${S}`);
    log.error({ err: error }, "failed");
    const line = JSON.parse(lines[0]!);
    expect(line.err).toMatchObject({ type: "TypeError", message: "bad https://h.example/" });
    expect(line.err.stack).toContain("log-redaction.test.ts");
  });

  it("does not mutate what it was given, and survives cycles", () => {
    const { log, lines } = logger();
    const given: Record<string, unknown> = { password: S, url: `https://h.example/?k=${S}` };
    given.self = given;
    log.info(given);
    expect(given.password).toBe(S);
    expect(lines[0]).not.toContain(S);
  });
});

describe("the job's own secret values", () => {
  const JOB = { apiToken: "job-Token-Value-5521", region: "eu-west-1" };

  it("are masked in free text, interpolation and errors", () => {
    const { log, lines } = logger(Object.values(JOB));
    log.info({ note: `the token ${JOB.apiToken} was refused` });
    log.info("token %s", JOB.apiToken);
    log.warn(`literal ${JOB.apiToken}`);
    log.error({ err: new Error(`vendor said: bad key ${JOB.apiToken}`) });
    log.error(new Error(`plain error ${JOB.apiToken}`));
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).not.toContain(JOB.apiToken);
  });

  it("are masked by a capability's logger, and by its children", () => {
    const logs = collectLogs();
    const cap = new Acme(createJob({ secret: JOB }), new Integration("acme", "x"), {
      log: createLogger({ destination: logs.destination }),
    });
    cap.log.info({ detail: `echo ${JOB.apiToken}` }, `said ${JOB.apiToken}`);
    cap.log.child({ op: "list" }).warn(`child ${JOB.apiToken}`);
    expect(logs.lines).toHaveLength(2);
    for (const line of logs.lines) expect(line).not.toContain(JOB.apiToken);
    expect(JSON.parse(logs.lines[1]!)).toMatchObject({ op: "list" });
  });
});
