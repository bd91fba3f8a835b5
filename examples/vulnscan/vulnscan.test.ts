/**
 * Tests for the VulnScan API integration, against a mock of the API built from the spec's examples.
 * Plumbing tests pass as generated; each transform test is RED until its mapping is written.
 */
import {
  Asset,
  createJob,
  createLogger,
  Integration,
  IntegrationError,
  type PlatformModel,
  Risk,
} from "@capkit/runtime";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Vulnscan } from "./vulnscan.js";
import { VULNSCAN_BASE_URL } from "./vulnscan_client.js";
import * as samples from "./vulnscan_samples.js";
import { toFindingRisk, toHostAsset } from "./vulnscan_transform.js";
import { FindingRecord, HostRecord } from "./vulnscan_types.js";

const SECRET = {
  token: "capkit-test-token-5d41402abc4b2a76",
};
const CONFIG = {};
const url = (path: string) => `${VULNSCAN_BASE_URL}${path}`;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup() {
  const logs: string[] = [];
  const sent: PlatformModel[] = [];
  const delays: number[] = [];
  const job = createJob({
    secret: SECRET,
    config: CONFIG,
    send: (...models) => sent.push(...models),
  });
  const capability = new Vulnscan(job, new Integration("vulnscan", "acme"), {
    log: createLogger({ destination: { write: (line: string) => logs.push(line) } }),
    http: {
      rateLimit: false,
      retry: {
        sleep: async (ms: number) => {
          delays.push(ms);
        },
      },
    },
  });
  return { capability, client: capability.client(), logs, sent, delays };
}

/** What a successful credential check answers: the sample record (in a page, for a list). */
const validationOk = () => samples.getCurrentUserSample;

/** Puts `value` at `path` inside `body`, creating objects on the way. */
function put(
  body: Record<string, unknown>,
  path: string[],
  value: unknown,
): Record<string, unknown> {
  let node = body;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  });
  return body;
}

describe("vulnscan: credentials", () => {
  it("validateCredentials succeeds with one call", async () => {
    let calls = 0;
    server.use(
      http.get(url("/me"), () => {
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
        http.get(url("/me"), () => {
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
      expect(calls).toBe(status === 401 ? 1 : 1);
    });
  }
});

describe("vulnscan: resilience", () => {
  it("retries a 429 after the Retry-After delay", async () => {
    let calls = 0;
    server.use(
      http.get(url("/me"), () => {
        calls++;
        if (calls === 1)
          return new HttpResponse(null, { status: 429, headers: { "Retry-After": "2" } });
        return HttpResponse.json(validationOk());
      }),
    );
    const { capability, delays } = setup();
    await capability.validateCredentials();
    expect(calls).toBe(2);
    expect(delays[0]).toBe(2000);
  });

  it("retries a 5xx, then gives up with a retryable IntegrationError", async () => {
    let calls = 0;
    server.use(
      http.get(url("/me"), () => {
        calls++;
        return HttpResponse.json({ message: "down" }, { status: 503 });
      }),
    );
    const error = await setup()
      .capability.validateCredentials()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).retryable).toBe(true);
    expect(calls).toBeGreaterThan(1);
  });

  it("keeps the credentials out of logs and errors", async () => {
    server.use(http.get(url("/me"), () => HttpResponse.json({ message: "no" }, { status: 401 })));
    const { capability, logs } = setup();
    const error = await capability.validateCredentials().catch((e: unknown) => e);
    const seen = [
      ...logs,
      String(error),
      JSON.stringify(error),
      JSON.stringify(capability.job),
    ].join("\n");
    for (const value of Object.values(SECRET)) expect(seen).not.toContain(value);
  });
});

describe("vulnscan: pagination (listFindings, cursor)", () => {
  /** Serves `pages` pages of one record each, linking each page to the next the way the API does. */
  function servePages(pages: number | "endless") {
    let calls = 0;
    server.use(
      http.get(url("/findings"), () => {
        calls++;
        const last = pages !== "endless" && calls >= pages;
        const records = [samples.listFindingsSample];
        const body = put({}, ["findings"], records);
        put(body, ["next_cursor"], last ? null : `cursor-${calls}`);
        return HttpResponse.json(body);
      }),
    );
    return () => calls;
  }

  it("follows the pages to the end", async () => {
    servePages(3);
    const { client } = setup();
    const records = [];
    for await (const record of client.listFindings({}, { pageSize: 1 })) records.push(record);
    expect(records).toHaveLength(3);
  });

  it("stops at maxPages and logs a warning", async () => {
    const calls = servePages("endless");
    const { client, logs } = setup();
    const records = [];
    for await (const record of client.listFindings({}, { pageSize: 1, maxPages: 2 }))
      records.push(record);
    expect(records).toHaveLength(2);
    expect(calls()).toBe(2);
    expect(logs.join("\n")).toContain("maxPages");
  });
});

describe("vulnscan: filter", () => {
  it("drops private and loopback assets and sends public ones", () => {
    const { capability, sent } = setup();
    expect(capability.sendAsset(new Asset("10.0.0.8", "10.0.0.8"))).toBe(false);
    expect(capability.sendAsset(new Asset("127.0.0.1", "127.0.0.1"))).toBe(false);
    expect(capability.sendAsset(new Asset("example.com", "93.184.216.34"))).toBe(true);
    expect(sent).toHaveLength(1);
  });
});

describe("vulnscan: transforms", () => {
  it("toFindingRisk maps a listFindings record to a Risk", () => {
    const record = FindingRecord.parse(samples.listFindingsSample);
    expect(toFindingRisk(record)).toEqual(
      new Risk(new Asset("vpn.acme.example", "vpn.acme.example"), "CVE-2024-3400", "TC"),
    );
  });

  it("toHostAsset maps a listHosts record to an Asset", () => {
    const record = HostRecord.parse(samples.listHostsSample);
    expect(toHostAsset(record)).toEqual(new Asset("vpn.acme.example", "93.184.216.34"));
  });
});

describe("vulnscan: invoke and checkAffiliation (completed by hand)", () => {
  function serveAccount() {
    const privateHost = {
      ...samples.listHostsSample,
      hostname: "db.internal",
      ip_address: "10.1.2.3",
    };
    server.use(
      http.get(url("/me"), () => HttpResponse.json(samples.getCurrentUserSample)),
      http.get(url("/hosts"), ({ request }) => {
        const page = new URL(request.url).searchParams.get("page");
        const data = page === "1" ? [samples.listHostsSample, privateHost] : [];
        return HttpResponse.json({
          data,
          meta: { page: Number(page), per_page: 100, total_pages: 1 },
        });
      }),
      http.get(url("/findings"), () =>
        HttpResponse.json({ findings: [samples.listFindingsSample], next_cursor: null }),
      ),
    );
  }

  it("checks credentials, pages every operation and sends what the filter keeps", async () => {
    serveAccount();
    const { capability, sent } = setup();
    await capability.invoke();
    expect(sent.map((model) => model.key)).toEqual([
      "#risk#vpn.acme.example#CVE-2024-3400",
      "#asset#vpn.acme.example#93.184.216.34",
    ]);
  });

  it("maps a fixed finding without a CVE to a remediated risk named by its title", () => {
    const record = FindingRecord.parse({
      ...samples.listFindingsSample,
      cve_id: null,
      status: "fixed",
    });
    const risk = toFindingRisk(record);
    expect(risk.name).toBe(samples.listFindingsSample.title);
    expect(risk.status).toBe("RC");
  });

  it("says whether an asset belongs to the account", async () => {
    serveAccount();
    const { capability } = setup();
    await expect(
      capability.checkAffiliation(new Asset("vpn.acme.example", "93.184.216.34")),
    ).resolves.toBe(true);
    await expect(
      capability.checkAffiliation(new Asset("elsewhere.example", "93.184.216.99")),
    ).resolves.toBe(false);
  });
});
