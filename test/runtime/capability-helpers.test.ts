import { describe, expect, it } from "vitest";
import {
  Asset,
  Attribute,
  createJob,
  Integration,
  IntegrationError,
  type JobInit,
  type PlatformModel,
  Risk,
} from "../../packages/runtime/src/index.js";
import { Acme as BaseAcme } from "./helpers/acme.js";

/** The protected helpers, reachable from a test: integrations call them, callers outside do not. */
class Acme extends BaseAcme {
  credential(name: string): string {
    return this.secret(name);
  }
  setting(name: string): string {
    return this.config(name);
  }
  chamber(): "house" | "senate" {
    return this.config("chamber", ["house", "senate"]);
  }
  root(fallback: string): string {
    return this.baseUrl(fallback);
  }
}

function acme(init: JobInit = {}) {
  const sent: PlatformModel[] = [];
  const job = createJob({ ...init, send: (...models) => sent.push(...models) });
  return { cap: new Acme(job, new Integration("acme", "t")), sent };
}

function errorOf(fn: () => unknown): IntegrationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof IntegrationError) return error;
    throw error;
  }
  throw new Error("expected an IntegrationError");
}

describe("BaseCapability > send helpers (the filter is never skipped)", () => {
  const privateHost = new Asset("db.internal", "10.1.2.3");
  const publicHost = new Asset("vpn.acme.example", "93.184.216.34");

  it("sendAsset sends what the filter keeps and drops what it drops", () => {
    const { cap, sent } = acme();
    expect(cap.sendAsset(privateHost)).toBe(false);
    expect(cap.sendAsset(publicHost)).toBe(true);
    expect(sent).toEqual([publicHost]);
  });

  it("sendRisk drops a risk on a private host and sends one on a public host", () => {
    const { cap, sent } = acme();
    const kept = new Risk(publicHost, "CVE-2024-3400", "TC");
    expect(cap.sendRisk(new Risk(privateHost, "CVE-2024-3400", "TC"))).toBe(false);
    expect(cap.sendRisk(kept)).toBe(true);
    expect(sent).toEqual([kept]);
  });

  it("sendAttribute drops an attribute of a dropped asset, keeps one of the integration", () => {
    const { cap, sent } = acme();
    const onIntegration = new Attribute("plan", "enterprise", cap.target);
    const onPublic = new Attribute("port", "443", publicHost);
    expect(cap.sendAttribute(new Attribute("port", "5432", privateHost))).toBe(false);
    expect(cap.sendAttribute(onPublic)).toBe(true);
    expect(cap.sendAttribute(onIntegration)).toBe(true);
    expect(sent).toEqual([onPublic, onIntegration]);
  });

  it("drops an asset named by a URL on a private or loopback host, keeps a public one", () => {
    const { cap, sent } = acme();
    const web = new Asset("https://app.example.com/login", "https://app.example.com/login");
    expect(
      cap.sendAsset(new Asset("http://10.1.2.3:8080/admin", "http://10.1.2.3:8080/admin")),
    ).toBe(false);
    expect(cap.sendAsset(new Asset("http://[::1]/", "http://[::1]/"))).toBe(false);
    expect(cap.sendAsset(new Asset("https://localhost/", "https://localhost/"))).toBe(false);
    expect(cap.sendRisk(new Risk(new Asset("http://192.168.1.9/", "x"), "xss", "TH"))).toBe(false);
    expect(cap.sendAsset(web)).toBe(true);
    expect(sent).toEqual([web]);
  });

  it("asks the capability's own filter, so an injected one decides", () => {
    const sent: PlatformModel[] = [];
    const job = createJob({ send: (...models) => sent.push(...models) });
    const dropAll = { asset: () => true, risk: () => true };
    const cap = new Acme(job, new Integration("acme", "t"), { filter: dropAll });
    expect(cap.sendAsset(publicHost)).toBe(false);
    expect(cap.sendRisk(new Risk(publicHost, "x", "TI"))).toBe(false);
    expect(sent).toEqual([]);
  });
});

describe("BaseCapability > secret and config", () => {
  it("returns a credential that is set", () => {
    expect(acme({ secret: { token: "t0k" } }).cap.credential("token")).toBe("t0k");
  });

  it("a missing or empty credential is a configuration error naming the key, never a value", () => {
    const { cap } = acme({ secret: { token: "", other: "s3cr3t-value" } });
    for (const key of ["token", "apiKey"]) {
      const error = errorOf(() => cap.credential(key));
      expect(error.code).toBe("CONFIGURATION");
      expect(error.retryable).toBe(false);
      expect(error.message).toBe(`acme: the job has no "${key}" credential (job.secret.${key})`);
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain("s3cr3t");
    }
  });

  it("config with the values a spec enum allows returns one of them, typed, or names the key", () => {
    expect(acme({ config: { chamber: "senate" } }).cap.chamber()).toBe("senate");
    const error = errorOf(() => acme({ config: { chamber: "lords" } }).cap.chamber());
    expect(error.code).toBe("CONFIGURATION");
    expect(error.message).toBe('acme: job.config.chamber must be one of: "house", "senate"');
  });

  it("config reads a setting and names a missing one", () => {
    const { cap } = acme({ config: { org: "acme-corp" } });
    expect(cap.setting("org")).toBe("acme-corp");
    expect(errorOf(() => cap.setting("region")).message).toBe(
      'acme: the job config has no "region" value (job.config.region)',
    );
  });
});

describe("BaseCapability > baseUrl", () => {
  const spec = "https://api.acme.example/v2";

  it("is the spec's URL without an override, and the override when it is https", () => {
    expect(acme().cap.root(spec)).toBe(spec);
    expect(acme({ config: { baseUrl: "" } }).cap.root(spec)).toBe(spec);
    const eu = "https://eu.api.acme.example/v2";
    expect(acme({ config: { baseUrl: eu } }).cap.root(spec)).toBe(eu);
  });

  it("refuses an http override unless the job allows http explicitly", () => {
    const lab = "http://scanner.lab.internal:8080/api";
    const error = errorOf(() => acme({ config: { baseUrl: lab } }).cap.root(spec));
    expect(error.code).toBe("CONFIGURATION");
    expect(error.message).toContain("must use https");
    expect(error.message).not.toContain("scanner.lab");
    expect(acme({ config: { baseUrl: lab, allowHttp: "true" } }).cap.root(spec)).toBe(lab);
    expect(() => acme({ config: { baseUrl: lab, allowHttp: "yes" } }).cap.root(spec)).toThrow(
      IntegrationError,
    );
  });

  it("refuses other schemes and text that is not a URL", () => {
    for (const baseUrl of ["ftp://files.acme.example/", "api.acme.example/v2", "file:///etc"]) {
      const error = errorOf(() => acme({ config: { baseUrl, allowHttp: "true" } }).cap.root(spec));
      expect(error.code, baseUrl).toBe("CONFIGURATION");
    }
  });
});
