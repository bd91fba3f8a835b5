import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHttp,
  fetchNextPage,
  IntegrationError,
  parseRecord,
  parseRecords,
  readPath,
  z,
} from "../../packages/runtime/src/index.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

const Host = z.looseObject({ id: z.string(), ip: z.string().nullish() });

describe("records: what generated clients share", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it("readPath reads nested properties and tolerates anything missing", () => {
    expect(readPath({ links: { pages: { next: "u" } } }, ["links", "pages", "next"])).toBe("u");
    expect(readPath({ links: null }, ["links", "pages"])).toBeUndefined();
    expect(readPath([1, 2], [])).toEqual([1, 2]);
  });

  it("parseRecords checks every record and names the field, never its value", () => {
    expect(parseRecords("listHosts", Host, [{ id: "h1", extra: 1 }])).toEqual([
      { id: "h1", extra: 1 },
    ]);
    expect(parseRecords("listHosts", Host, undefined)).toBeUndefined();
    const error = (() => {
      try {
        parseRecord("listHosts", Host, { id: 42, ip: "s3cr3t-value" });
      } catch (e) {
        return e as IntegrationError;
      }
    })();
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error?.message).toBe("listHosts: a record does not match the spec at id");
    expect(error?.retryable).toBe(false);
    expect(() => parseRecords("listHosts", Host, { id: "x" })).toThrow(/no array of records/);
  });

  it("fetchNextPage follows an absolute URL through the resilient fetch, with auth", async () => {
    server.handle((req, res) => json(res, 200, { page: 2, auth: req.headers.authorization }));
    const http = createHttp({
      baseUrl: server.url,
      auth: { type: "bearer", token: "t0k" },
      rateLimit: false,
    });
    const { body, response } = await fetchNextPage(http, "listHosts", `${server.url}/hosts?page=2`);
    expect(response.status).toBe(200);
    expect(body).toEqual({ page: 2, auth: "Bearer t0k" });
  });

  it("fetchNextPage turns an error page into an IntegrationError", async () => {
    server.handle((_req, res) => json(res, 404, { message: "gone" }));
    const http = createHttp({ baseUrl: server.url, rateLimit: false });
    await expect(
      fetchNextPage(http, "listHosts", `${server.url}/hosts?page=9`),
    ).rejects.toMatchObject({
      status: 404,
      retryable: false,
    });
  });
});
