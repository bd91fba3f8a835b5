import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  Asset,
  Attribute,
  createFilter,
  createJob,
  cvssToStatus,
  Integration,
  OptionsError,
  Risk,
  type RiskStatus,
  requireSecret,
} from "../../packages/runtime/src/index.js";

describe("models and key formats", () => {
  it("Integration: class = name, key, prefix isClass", () => {
    const target = new Integration("crowdstrike", "tenant-1");
    expect(target.class).toBe("crowdstrike");
    expect(target.key).toBe("#integration#crowdstrike#tenant-1");
    expect(target.isClass("crowd")).toBe(true);
    expect(target.isClass("crowdstrike")).toBe(true);
    expect(target.isClass("tenable")).toBe(false);
  });

  it("Asset key is lower-cased", () => {
    expect(new Asset("Example.COM", "10.0.0.1").key).toBe("#asset#example.com#10.0.0.1");
    expect(new Asset("Host.Example.com", "Host.Example.com").key).toBe(
      "#asset#host.example.com#host.example.com",
    );
  });

  it("Risk key uses the target's dns", () => {
    expect(new Risk(new Asset("example.com", "1.2.3.4"), "CVE-2024-1", "TH").key).toBe(
      "#risk#example.com#CVE-2024-1",
    );
    expect(new Risk(new Integration("acme", "t"), "weak-mfa", "OM").key).toBe(
      "#risk#acme#weak-mfa",
    );
  });

  it("Risk rejects a status that is not state+severity", () => {
    expect(() => new Risk(new Asset("a", "b"), "x", "XX" as RiskStatus)).toThrow(OptionsError);
  });

  it("Attribute key appends the parent's key", () => {
    const asset = new Asset("example.com", "example.com");
    expect(new Attribute("port", "443", asset).key).toBe(
      "#attribute#port#443#asset#example.com#example.com",
    );
  });
});

describe("cvssToStatus", () => {
  it.each<[number, RiskStatus]>([
    [0, "TI"],
    [0.1, "TL"],
    [3.9, "TL"],
    [4, "TM"],
    [6.9, "TM"],
    [7, "TH"],
    [8.9, "TH"],
    [9, "TC"],
    [10, "TC"],
  ])("%f → %s", (score, want) => {
    expect(cvssToStatus(score)).toBe(want);
  });

  it("takes a state", () => {
    expect(cvssToStatus(9.8, "O")).toBe("OC");
  });

  it.each([-1, 10.1, Number.NaN])("rejects %f", (score) => {
    expect(() => cvssToStatus(score)).toThrow("Expected `score` to be a number from 0 to 10.");
  });
});

describe("filter", () => {
  const external = createFilter({ surface: "external" });
  it.each([
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "127.0.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "192.0.2.10",
    "198.51.100.7",
    "203.0.113.9",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "2001:db8::1",
    "ff02::1",
    "::ffff:10.0.0.1",
    "::ffff:127.0.0.1",
    "[::1]",
  ])("external drops %s", (ip) => {
    expect(external.asset(new Asset(ip, ip))).toBe(true);
    expect(external.risk(new Risk(new Asset(ip, ip), "r", "TH"))).toBe(true);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "example.com"])(
    "external keeps %s",
    (host) => {
      expect(external.asset(new Asset(host, host))).toBe(false);
    },
  );

  it("drops a public name that resolves to nothing we know, only when its IP is private", () => {
    expect(external.asset(new Asset("intranet.example.com", "10.0.0.5"))).toBe(true);
    expect(external.asset(new Asset("localhost", "localhost"))).toBe(true);
  });

  it("keeps everything for non-external surfaces", () => {
    const internal = createFilter({ surface: "internal" });
    expect(internal.asset(new Asset("10.0.0.1", "10.0.0.1"))).toBe(false);
    expect(createFilter().asset(new Asset("127.0.0.1", "127.0.0.1"))).toBe(false);
  });
});

describe("createJob", () => {
  it("keeps secrets readable but out of JSON and inspect", () => {
    const sent: unknown[] = [];
    const job = createJob({
      secret: { token: "TOPSECRET-1" },
      config: { region: "eu" },
      send: (...m) => sent.push(...m),
    });
    expect(job.secret.token).toBe("TOPSECRET-1");
    expect(Object.keys(job.secret)).toEqual(["token"]);
    expect(JSON.stringify(job)).not.toContain("TOPSECRET-1");
    expect(JSON.stringify(job.secret)).not.toContain("TOPSECRET-1");
    expect(JSON.stringify({ nested: { job } })).not.toContain("TOPSECRET-1");
    expect(inspect(job, { depth: 5 })).not.toContain("TOPSECRET-1");
    expect(inspect(job.secret)).not.toContain("TOPSECRET-1");
    expect(JSON.stringify(job)).toContain("eu");
    const asset = new Asset("a", "b");
    job.send(asset);
    expect(sent).toEqual([asset]);
    expect(job.signal.aborted).toBe(false);
  });

  it("requireSecret names a missing key, not a value", () => {
    const job = createJob({ secret: { token: "x" } });
    expect(requireSecret(job, "token")).toBe("x");
    expect(() => requireSecret(job, "apiKey")).toThrow(
      "Expected job secret `apiKey` to be a non-empty string.",
    );
  });
});
