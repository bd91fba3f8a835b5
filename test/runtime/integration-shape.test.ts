import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Asset,
  BaseCapability,
  type CapabilityInfo,
  createJob,
  Integration,
  type PageStep,
  type PlatformModel,
  paginate,
  readJson,
  requireSecret,
  unwrap,
} from "../../packages/runtime/src/index.js";
import { json, recordingSleep, startServer, type TestServer } from "./helpers/server.js";

// The shape openapi-typescript emits for a small API; generated clients are typed against it.
interface paths {
  "/me": {
    get: { responses: { 200: { content: { "application/json": { id: string } } } } };
  };
  "/hosts": {
    get: {
      parameters: { query?: { cursor?: string; limit?: number } };
      responses: {
        200: { content: { "application/json": { data: Host[]; next?: string | null } } };
      };
    };
  };
}
interface Host {
  ip: string;
  hostname: string;
}
type HostPage = paths["/hosts"]["get"]["responses"][200]["content"]["application/json"];

/** What the generator writes, end to end: typed client, paginate, transform, filter, send. */
class Acme extends BaseCapability {
  static override readonly info: CapabilityInfo = {
    name: "acme",
    title: "Acme",
    description: "Acme EDR",
    surface: "external",
  };

  private readonly client = this.http<paths>({
    baseUrl: this.job.config.baseUrl ?? "https://api.acme.test",
    auth: { type: "bearer", token: requireSecret(this.job, "token") },
  });

  override integration(): boolean {
    return true;
  }

  override credentialParams(): string[] {
    return ["token"];
  }

  override async validateCredentials(): Promise<void> {
    unwrap("getMe", await this.client.api.GET("/me"));
  }

  async invoke(): Promise<void> {
    await this.validateCredentials();
    const hosts = paginate<Host>({
      operation: "listHosts",
      strategy: { style: "cursor", param: "cursor", nextCursor: (b) => (b as HostPage).next },
      request: async (step: PageStep) => {
        if ("url" in step) {
          const response = await this.client.fetch(step.url);
          return { body: await readJson("listHosts", response), response };
        }
        const query = step.params as { cursor?: string; limit?: number };
        const result = await this.client.api.GET("/hosts", { params: { query } });
        return { body: unwrap("listHosts", result), response: result.response };
      },
      items: (b) => (b as HostPage).data,
      signal: this.job.signal,
      logger: this.log,
    });
    for await (const host of hosts) {
      const asset = new Asset(host.hostname, host.ip);
      if (this.filter.asset(asset)) continue;
      this.job.send(asset);
    }
  }
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe("a generated-style integration on the runtime", () => {
  it("validates credentials, pages, filters private addresses and sends the rest", async () => {
    server.handle((req, res) => {
      if (req.headers.authorization !== "Bearer tok") return json(res, 401, { error: "no" });
      if (req.url === "/me") return json(res, 200, { id: "me" });
      if (req.url === "/hosts") {
        return json(res, 200, {
          data: [
            { ip: "8.8.8.8", hostname: "dns.example" },
            { ip: "10.0.0.1", hostname: "intranet.example" },
          ],
          next: "c2",
        });
      }
      return json(res, 200, { data: [{ ip: "1.1.1.1", hostname: "one.example" }], next: null });
    });
    const sent: PlatformModel[] = [];
    const job = createJob({
      secret: { token: "tok" },
      config: { baseUrl: server.url },
      send: (...models) => sent.push(...models),
    });
    const cap = new Acme(job, new Integration("acme", "tenant"), {
      http: { retry: { sleep: recordingSleep().sleep }, rateLimit: false },
    });
    expect(cap.match()).toBeUndefined();
    await cap.invoke();
    expect(server.requests.map((r) => r.url)).toEqual(["/me", "/hosts", "/hosts?cursor=c2"]);
    expect(sent.map((m) => m.key)).toEqual([
      "#asset#dns.example#8.8.8.8",
      "#asset#one.example#1.1.1.1",
    ]);
  });

  it("fails fast on bad credentials with a non-retryable UNAUTHORIZED error", async () => {
    server.handle((_req, res) => json(res, 401, { error: "bad token" }));
    const job = createJob({ secret: { token: "nope" }, config: { baseUrl: server.url } });
    const cap = new Acme(job, new Integration("acme", "t"), { http: { rateLimit: false } });
    await expect(cap.invoke()).rejects.toMatchObject({ code: "UNAUTHORIZED", retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("refuses to start without its secret, naming the key", () => {
    const job = createJob({ config: { baseUrl: server.url } });
    expect(() => new Acme(job, new Integration("acme", "t"))).toThrow(
      "Expected job secret `token` to be a non-empty string.",
    );
  });
});
