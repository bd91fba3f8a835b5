/**
 * Tests for the VulnScan API integration, against the mock of the API in vulnscan_mock.ts.
 * The plumbing tests pass as generated; the suites marked RED fail until the transforms
 * (vulnscan_transform.test.ts) and checkAffiliation are written. Their expectations are suggestions:
 * correct them first.
 */
import { Asset, IntegrationError, Risk } from "@capkit/runtime";
import { HttpResponse, http } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  at,
  collect,
  invokeWith,
  PAGED,
  route,
  SECRET,
  serveAccount,
  servePages,
  server,
  setup,
  validationOk,
} from "./vulnscan_mock.js";
import * as samples from "./vulnscan_samples.js";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("vulnscan: credentials", () => {
  it("validateCredentials succeeds with one call", async () => {
    let calls = 0;
    server.use(
      http.get(route("/me"), () => {
        calls++;
        return HttpResponse.json(validationOk());
      }),
    );
    await expect(setup().capability.validateCredentials()).resolves.toBeUndefined();
    expect(calls).toBe(1);
  });

  for (const status of [401, 403]) {
    it(`validateCredentials rejects a ${status} without retrying`, async () => {
      let calls = 0;
      server.use(
        http.get(route("/me"), () => {
          calls++;
          return HttpResponse.json({ message: "no" }, { status });
        }),
      );
      const error = await setup()
        .capability.validateCredentials()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IntegrationError);
      expect((error as IntegrationError).status).toBe(status);
      expect((error as IntegrationError).retryable).toBe(false);
      expect(calls).toBe(1);
    });
  }
});

describe("vulnscan: resilience", () => {
  it("retries a 429 once, after the Retry-After delay", async () => {
    let calls = 0;
    server.use(
      http.get(route("/me"), () => {
        calls++;
        if (calls === 1)
          return new HttpResponse(null, { status: 429, headers: { "Retry-After": "2" } });
        return HttpResponse.json(validationOk());
      }),
    );
    const { capability, delays } = setup();
    await capability.validateCredentials();
    expect(calls).toBe(2);
    expect(delays).toEqual([2000]);
  });

  it("retries a 5xx twice, then gives up with a retryable IntegrationError", async () => {
    let calls = 0;
    server.use(
      http.get(route("/me"), () => {
        calls++;
        return HttpResponse.json({ message: "down" }, { status: 503 });
      }),
    );
    const error = await setup()
      .capability.validateCredentials()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).retryable).toBe(true);
    expect(calls).toBe(3);
  });

  it("logs its retries and keeps the credentials out of every log line and error", async () => {
    let calls = 0;
    server.use(
      http.get(route("/me"), ({ request }) => {
        calls++;
        if (calls === 1)
          return new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } });
        if (calls === 2) return HttpResponse.json({ message: "down" }, { status: 503 });
        // an API that echoes the request back must not leak the credentials either
        const echo = [request.url, ...request.headers.values()].join(" ");
        return HttpResponse.json({ message: `denied: ${echo}` }, { status: 401 });
      }),
    );
    const { capability, logs } = setup();
    const error = await capability.validateCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(logs.length).toBeGreaterThanOrEqual(2);
    const seen = [
      ...logs,
      String(error),
      JSON.stringify(error),
      JSON.stringify(capability.job),
    ].join("\n");
    for (const value of Object.values(SECRET)) expect(seen).not.toContain(value);
  });
});

for (const op of PAGED) {
  describe(`vulnscan: pagination (${op.name}, ${op.style})`, () => {
    it("reads two pages, then stops", async () => {
      const seen = servePages(op, 2);
      expect(await collect(op.list(setup().client, { pageSize: 1 }))).toHaveLength(2);
      // page and offset listings ask once more and get an empty page
      expect(seen.calls).toBe(op.style === "page" || op.style === "offset" ? 3 : 2);
    });

    it("stops at maxPages and logs a warning", async () => {
      const seen = servePages(op, Number.POSITIVE_INFINITY);
      const { client, logs } = setup();
      expect(await collect(op.list(client, { pageSize: 1, maxPages: 2 }))).toHaveLength(2);
      expect(seen.calls).toBe(2);
      expect(logs.join("\n")).toContain("maxPages");
    });
  });
}

for (const op of PAGED.filter((o) => o.size !== null)) {
  it(`vulnscan: ${op.name} asks for the page size it is given`, async () => {
    const seen = servePages(op, 1);
    await collect(op.list(setup().client, { pageSize: 1 }));
    // the first request asks for it (later ones may follow the API's own next-page link)
    expect(String(seen.sizes[0])).toBe("1");
  });
}

/**
 * listHosts: the sample on two public assets and a private one (the filter drops it); one
 * finding on two assets is two keys.
 */
const listHostsRecords = [
  at(samples.listHostsSample, {
    id: "host-1",
    hostname: "app.example.com",
    ip_address: "93.184.216.34",
  }),
  at(samples.listHostsSample, {
    id: "host-2",
    hostname: "vpn.example.com",
    ip_address: "93.184.216.35",
  }),
  at(samples.listHostsSample, { id: "host-3", hostname: "db.internal", ip_address: "10.1.2.3" }),
];

/**
 * listFindings: one record on each host of listHosts (the private one's is dropped with it).
 */
const listFindingsRecords = [
  at(samples.listFindingsSample, { host_id: "host-1" }),
  at(samples.listFindingsSample, { host_id: "host-2" }),
  at(samples.listFindingsSample, { host_id: "host-3" }),
];

// One test per operation: it serves that operation's records (and those of the operations its
// records name), every other listing answers empty, so each goes GREEN with its own transform.
describe("vulnscan: invoke (RED until the transforms are written)", () => {
  it("listHosts: its records go through toHostAsset and the filter, one key each", async () => {
    const sent = await invokeWith({ listHosts: listHostsRecords });
    // Rests on the guesses noted on toHostAsset's test: correct those first.
    expect(sent).toEqual([
      new Asset("app.example.com", "93.184.216.34"),
      new Asset("vpn.example.com", "93.184.216.35"),
    ]);
    expect(new Set(sent.map((model) => model.key)).size).toBe(sent.length);
    expect(JSON.stringify(sent)).not.toContain("10.1.2.3");
  });

  it("listFindings: its records go through toFindingRisk and the filter, one key each", async () => {
    const sent = await invokeWith({
      listHosts: listHostsRecords,
      listFindings: listFindingsRecords,
    });
    // Rests on the guesses noted on toFindingRisk's test: correct those first.
    expect(sent).toEqual([
      new Asset("app.example.com", "93.184.216.34"),
      new Asset("vpn.example.com", "93.184.216.35"),
      new Risk(new Asset("app.example.com", "93.184.216.34"), "CVE-2024-3400", "TC"),
      new Risk(new Asset("vpn.example.com", "93.184.216.35"), "CVE-2024-3400", "TC"),
    ]);
    expect(new Set(sent.map((model) => model.key)).size).toBe(sent.length);
    expect(JSON.stringify(sent)).not.toContain("10.1.2.3");
  });
});

describe("vulnscan: checkAffiliation (RED until it is written)", () => {
  it("knows an asset of the account from a foreign one", async () => {
    serveAccount({ listHosts: listHostsRecords });
    const { capability } = setup();
    await expect(
      capability.checkAffiliation(new Asset("app.example.com", "93.184.216.34")),
    ).resolves.toBe(true);
    await expect(
      capability.checkAffiliation(new Asset("elsewhere.example.org", "198.51.100.7")),
    ).resolves.toBe(false);
  });
});
