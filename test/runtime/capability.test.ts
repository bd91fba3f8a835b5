import { afterEach, describe, expect, it } from "vitest";
import {
  Asset,
  BaseCapability,
  type CapabilityInfo,
  createJob,
  getCapability,
  Integration,
  listCapabilities,
  mapConcurrent,
  RuntimeError,
  registerCapability,
  unregisterCapability,
} from "../../packages/runtime/src/index.js";
import { json, recordingSleep, startServer } from "./helpers/server.js";

class Acme extends BaseCapability {
  static override readonly info: CapabilityInfo = {
    name: "acme",
    title: "Acme",
    description: "Acme EDR",
    surface: "external",
  };
  override integration(): boolean {
    return true;
  }
  async invoke(): Promise<void> {}
}

class Plain extends BaseCapability {
  static override readonly info: CapabilityInfo = {
    name: "plain",
    title: "Plain",
    description: "d",
    surface: "internal",
  };
  async invoke(): Promise<void> {}
}

afterEach(() => {
  unregisterCapability("acme");
  unregisterCapability("plain");
});

describe("BaseCapability", () => {
  const job = createJob({});

  it("reads name, title, description and surface from the static info", () => {
    const cap = new Acme(job, new Integration("acme", "t"));
    expect([cap.name, cap.title, cap.description, cap.surface]).toEqual([
      "acme",
      "Acme",
      "Acme EDR",
      "external",
    ]);
  });

  it("has the platform's defaults", async () => {
    const cap = new Plain(job, new Integration("plain", "t"));
    expect(cap.integration()).toBe(false);
    expect(cap.timeout()).toBe(10);
    expect(cap.credentialParams()).toEqual([]);
    expect(cap.accepts()).toBe(true);
    await expect(cap.checkAffiliation(new Asset("a", "b"))).rejects.toThrow("not implemented");
    await expect(cap.validateCredentials()).rejects.toThrow("not implemented");
  });

  it("accepts() is false for an inactive target", () => {
    const target = new Integration("acme", "t");
    target.status = "F";
    expect(new Acme(job, target).accepts()).toBe(false);
  });

  it("match() is undefined on its own integration class (prefix) and an Error otherwise", () => {
    expect(new Acme(job, new Integration("acme", "t")).match()).toBeUndefined();
    expect(new Acme(job, new Integration("acme-eu", "t")).match()).toBeUndefined();
    const wrong = new Acme(job, new Integration("tenable", "t")).match();
    expect(wrong).toBeInstanceOf(Error);
    expect(wrong?.message).toContain('"tenable" does not match "acme"');
    const asset = new Acme(job, new Asset("a", "b") as unknown as Integration).match();
    expect(asset?.message).toContain("runs on an Integration target, not Asset");
  });

  it("uses the external filter for an external surface", () => {
    const cap = new Acme(job, new Integration("acme", "t"));
    expect(cap.filter.asset(new Asset("10.0.0.1", "10.0.0.1"))).toBe(true);
  });

  it("http() merges the test overrides and the job's signal", async () => {
    const server = await startServer((_req, res) => json(res, 503, {}));
    try {
      const controller = new AbortController();
      const { sleep, delays } = recordingSleep();
      const cap = new Acme(createJob({ signal: controller.signal }), new Integration("acme", "t"), {
        http: { retry: { sleep, retries: 1 }, rateLimit: false },
      });
      const http = cap.http({ baseUrl: server.url, retry: { baseDelayMs: 10 } });
      expect((await http.fetch("/x")).status).toBe(503);
      expect(delays).toHaveLength(1);
      expect(server.requests).toHaveLength(2);
      controller.abort();
      await expect(http.fetch("/x")).rejects.toMatchObject({ code: "ABORTED" });
    } finally {
      await server.close();
    }
  });
});

describe("registry", () => {
  it("registers, finds and lists by info.name", () => {
    registerCapability(Acme);
    expect(getCapability("acme")?.Class).toBe(Acme);
    expect(listCapabilities().map((c) => c.name)).toContain("acme");
    const cap = getCapability("acme")?.create(createJob({}), new Integration("acme", "t"));
    expect(cap).toBeInstanceOf(Acme);
  });

  it("throws on a duplicate name", () => {
    registerCapability(Acme);
    expect(() => registerCapability(Acme)).toThrow(RuntimeError);
    expect(() => registerCapability(Acme)).toThrow(
      'A capability named "acme" is already registered.',
    );
  });

  it("uses a factory when given", () => {
    let calls = 0;
    registerCapability(Plain, (job, target) => {
      calls += 1;
      return new Plain(job, target);
    });
    getCapability("plain")?.create(createJob({}), new Integration("plain", "t"));
    expect(calls).toBe(1);
  });

  it("returns undefined for an unknown name", () => {
    expect(getCapability("nope")).toBeUndefined();
  });
});

describe("mapConcurrent", () => {
  it("keeps input order and never exceeds the limit", async () => {
    let active = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n, i) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n * 3));
      active -= 1;
      return `${i}:${n}`;
    });
    expect(results).toEqual(["0:5", "1:1", "2:4", "3:2", "4:3"]);
    expect(peak).toBe(2);
  });

  it("defaults to 10 and accepts async iterables", async () => {
    let active = 0;
    let peak = 0;
    async function* numbers() {
      for (let i = 0; i < 30; i++) yield i;
    }
    const results = await mapConcurrent(numbers(), undefined, async (n) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 2));
      active -= 1;
      return n * 2;
    });
    expect(results).toEqual(Array.from({ length: 30 }, (_, i) => i * 2));
    expect(peak).toBe(10);
  });

  it("rejects with the first failure and stops taking items", async () => {
    const started: number[] = [];
    await expect(
      mapConcurrent([1, 2, 3, 4, 5, 6], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error("boom");
        return n;
      }),
    ).rejects.toThrow("boom");
    expect(started).toEqual([1, 2]);
  });

  it("rejects a bad limit", async () => {
    await expect(mapConcurrent([1], 0, async (n) => n)).rejects.toThrow(
      "Expected `limit` to be a positive integer.",
    );
  });
});
