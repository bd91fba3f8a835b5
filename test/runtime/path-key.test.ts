/**
 * AWS-style path keys (`/tags#resourceArn`, `/?Action=ListUsers`) reach a real server with the
 * request's query intact: openapi-fetch alone would put it inside the fragment (never sent) or
 * after a second `?`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttp, unwrap } from "../../packages/runtime/src/index.js";
import { splitPathKey } from "../../packages/runtime/src/path-key.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

interface Paths {
  "/tags#resourceArn": {
    get: { parameters: { query: { resourceArn: string; maxResults?: number } } };
  };
  "/?Action=ListUsers": { get: { parameters: { query?: { MaxItems?: number } } } };
  "/items/{id}#detail": { get: { parameters: { path: { id: string } } } };
}

let server: TestServer;
const seen: string[] = [];
beforeAll(async () => {
  server = await startServer();
  server.handle((req, res) => {
    seen.push(req.url);
    json(res, 200, { ok: true });
  });
});
afterAll(() => server.close());

const http = () => createHttp<Paths>({ baseUrl: server.url, rateLimit: false, retry: false });

describe("path keys with a fragment or a fixed query", () => {
  it("drops the fragment and sends the query", async () => {
    seen.length = 0;
    const result = await http().api.GET("/tags#resourceArn", {
      params: { query: { resourceArn: "arn:aws:x", maxResults: 5 } },
    });
    expect(unwrap("listTags", result)).toEqual({ ok: true });
    expect(seen).toEqual(["/tags?resourceArn=arn%3Aaws%3Ax&maxResults=5"]);
  });

  it("keeps the key's fixed query and adds the request's", async () => {
    seen.length = 0;
    await http().api.GET("/?Action=ListUsers", { params: { query: { MaxItems: 2 } } });
    await http().api.GET("/?Action=ListUsers");
    expect(seen).toEqual(["/?Action=ListUsers&MaxItems=2", "/?Action=ListUsers"]);
  });

  it("fills path parameters of a key with a fragment", async () => {
    seen.length = 0;
    await http().api.GET("/items/{id}#detail", { params: { path: { id: "a b" } } });
    expect(seen).toEqual(["/items/a%20b"]);
  });

  it("leaves an ordinary key as it is", () => {
    expect(splitPathKey("/v1/hosts/{id}")).toEqual({ path: "/v1/hosts/{id}", query: undefined });
    expect(splitPathKey("/?Action=A&Version=2010-05-08#x")).toEqual({
      path: "/",
      query: { Action: "A", Version: "2010-05-08" },
    });
  });
});
