import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHttp,
  createLogger,
  nextLink,
  OptionsError,
  type PageStep,
  type PageStrategy,
  paginate,
} from "../../packages/runtime/src/index.js";
import { collectLogs, json, startServer, type TestServer } from "./helpers/server.js";

const RECORDS = Array.from({ length: 25 }, (_, i) => ({ id: i + 1 }));
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** A page-by-query API over RECORDS, in every style at once. */
function serveRecords(size = 10) {
  server.handle((req, res) => {
    const q = new URL(req.url, server.url).searchParams;
    let start = 0;
    let limit = size;
    if (q.has("cursor")) start = Number(q.get("cursor"));
    if (q.has("offset")) start = Number(q.get("offset"));
    if (q.has("limit")) limit = Number(q.get("limit"));
    if (q.has("page")) {
      const perPage = Number(q.get("per_page") ?? size);
      const base = q.get("zero") === "1" ? 0 : 1;
      start = (Number(q.get("page")) - base) * perPage;
      limit = perPage;
    }
    const data = RECORDS.slice(start, start + limit);
    const end = start + data.length;
    const more = end < RECORDS.length;
    const next = more ? `${server.url}/records?cursor=${end}` : null;
    json(
      res,
      200,
      {
        data,
        next_cursor: more ? end : null,
        has_more: more,
        next,
        total: RECORDS.length,
        pages: Math.ceil(RECORDS.length / limit),
      },
      more ? { link: `<${server.url}/first>; rel="first", <${next}>; rel="next"` } : {},
    );
  });
}

function request(extra: Record<string, string> = {}) {
  const http = createHttp({ baseUrl: server.url, rateLimit: false });
  return async (step: PageStep) => {
    let response: Response;
    if ("url" in step) response = await http.fetch(step.url);
    else {
      const query = new URLSearchParams({ ...extra });
      for (const [k, v] of Object.entries(step.params)) query.set(k, String(v));
      response = await http.fetch(`/records?${query}`);
    }
    return { body: await response.json(), response };
  };
}

const items = (body: unknown) => (body as { data?: { id: number }[] }).data;

async function collect(strategy: PageStrategy, extra?: Record<string, string>, maxPages?: number) {
  const out: number[] = [];
  const logs = collectLogs();
  const logger = createLogger({ destination: logs.destination });
  for await (const record of paginate({
    operation: "listRecords",
    strategy,
    request: request(extra),
    items,
    logger,
    ...(maxPages ? { maxPages } : {}),
  })) {
    out.push(record.id);
  }
  return { ids: out, logs: logs.lines, requests: server.requests.map((r) => r.url) };
}

const ALL = RECORDS.map((r) => r.id);

describe("paginate styles (real server)", () => {
  it("cursor", async () => {
    serveRecords();
    const { ids, requests } = await collect({
      style: "cursor",
      param: "cursor",
      nextCursor: (b) => (b as { next_cursor: unknown }).next_cursor,
    });
    expect(ids).toEqual(ALL);
    expect(requests).toEqual(["/records", "/records?cursor=10", "/records?cursor=20"]);
  });

  it("cursor with hasMore", async () => {
    serveRecords();
    const { ids, requests } = await collect({
      style: "cursor",
      param: "cursor",
      nextCursor: (b) => (b as { next_cursor: unknown }).next_cursor ?? "ignored",
      hasMore: (b) => (b as { has_more: boolean }).has_more,
    });
    expect(ids).toEqual(ALL);
    expect(requests).toHaveLength(3);
  });

  it("next URL in the body", async () => {
    serveRecords();
    const { ids, requests } = await collect({
      style: "nextUrl",
      nextUrl: (b) => (b as { next: unknown }).next,
    });
    expect(ids).toEqual(ALL);
    expect(requests).toEqual(["/records", "/records?cursor=10", "/records?cursor=20"]);
  });

  it("RFC 8288 Link header", async () => {
    serveRecords();
    const { ids, requests } = await collect({ style: "link" });
    expect(ids).toEqual(ALL);
    expect(requests).toHaveLength(3);
  });

  it("offset/limit, stopping on a short page", async () => {
    serveRecords();
    const { ids, requests } = await collect({
      style: "offset",
      offsetParam: "offset",
      limitParam: "limit",
      limit: 10,
    });
    expect(ids).toEqual(ALL);
    expect(requests).toEqual([
      "/records?offset=0&limit=10",
      "/records?offset=10&limit=10",
      "/records?offset=20&limit=10",
    ]);
  });

  it("offset/limit with a total", async () => {
    serveRecords();
    const { ids, requests } = await collect({
      style: "offset",
      offsetParam: "offset",
      limitParam: "limit",
      limit: 5,
      total: (b) => (b as { total: number }).total,
    });
    expect(ids).toEqual(ALL);
    // 25 records in pages of 5: the total stops it without a sixth, empty request.
    expect(requests).toHaveLength(5);
  });

  it("page/per-page from 1", async () => {
    serveRecords();
    const { ids, requests } = await collect({
      style: "page",
      pageParam: "page",
      perPageParam: "per_page",
      perPage: 10,
    });
    expect(ids).toEqual(ALL);
    expect(requests).toEqual([
      "/records?page=1&per_page=10",
      "/records?page=2&per_page=10",
      "/records?page=3&per_page=10",
    ]);
  });

  it("page from 0 with totalPages", async () => {
    serveRecords();
    const { ids, requests } = await collect(
      {
        style: "page",
        pageParam: "page",
        firstPage: 0,
        totalPages: (b) => (b as { pages: number }).pages,
      },
      { zero: "1" },
    );
    expect(ids).toEqual(ALL);
    expect(requests).toHaveLength(3);
  });

  it("none: a single request", async () => {
    serveRecords();
    const { ids, requests } = await collect({ style: "none" });
    expect(ids).toEqual(ALL.slice(0, 10));
    expect(requests).toHaveLength(1);
  });
});

describe("paginate stops", () => {
  it("at maxPages, logging a warning", async () => {
    serveRecords(5);
    const { ids, logs, requests } = await collect({ style: "link" }, undefined, 2);
    expect(ids).toEqual(ALL.slice(0, 10));
    expect(requests).toHaveLength(2);
    expect(logs).toHaveLength(1);
    expect(JSON.parse(logs[0]!)).toMatchObject({
      level: 40,
      operation: "listRecords",
      maxPages: 2,
    });
  });

  it("at a repeated cursor, even on empty pages that claim there is more", async () => {
    // Empty pages that name a next cursor are read past (issue 10); this one names itself.
    server.handle((_req, res) => json(res, 200, { data: [], next_cursor: "again" }));
    const { ids, requests } = await collect({
      style: "cursor",
      param: "cursor",
      nextCursor: (b) => (b as { next_cursor: unknown }).next_cursor,
    });
    expect(ids).toEqual([]);
    expect(requests).toEqual(["/records", "/records?cursor=again"]);
  });

  it("when the items are missing from the body", async () => {
    server.handle((_req, res) => json(res, 200, { something: "else" }));
    const { ids } = await collect({ style: "link" });
    expect(ids).toEqual([]);
  });

  it("when a cursor does not move (no infinite loop)", async () => {
    server.handle((_req, res) => json(res, 200, { data: [{ id: 1 }], next_cursor: "same" }));
    const { ids, requests } = await collect({
      style: "cursor",
      param: "cursor",
      nextCursor: (b) => (b as { next_cursor: unknown }).next_cursor,
    });
    expect(ids).toEqual([1, 1]);
    expect(requests).toHaveLength(2);
  });

  it("when the signal aborts between pages", async () => {
    serveRecords();
    const controller = new AbortController();
    const seen: number[] = [];
    const iterator = paginate({
      operation: "list",
      strategy: { style: "link" },
      request: request(),
      items,
      signal: controller.signal,
    });
    await expect(
      (async () => {
        for await (const record of iterator) {
          seen.push(record.id);
          if (record.id === 10) controller.abort(new Error("cancelled"));
        }
      })(),
    ).rejects.toMatchObject({ code: "ABORTED", operation: "list", cause: new Error("cancelled") });
    expect(seen).toHaveLength(10);
  });
});

describe("paginate options", () => {
  it.each<[string, unknown, string]>([
    ["unknown style", { style: "pages" }, "Expected `strategy.style` to be one of"],
    [
      "cursor without param",
      { style: "cursor", nextCursor: () => 1 },
      "Expected `strategy.param` to be a non-empty string.",
    ],
    [
      "negative limit",
      { style: "offset", offsetParam: "o", limitParam: "l", limit: -1 },
      "Expected `strategy.limit` to be a positive integer.",
    ],
    [
      "firstPage 2",
      { style: "page", pageParam: "p", firstPage: 2 },
      "Expected `strategy.firstPage` to be one of: 0, 1.",
    ],
  ])("throws at construction: %s", (_name, strategy, message) => {
    expect(() =>
      paginate({ operation: "x", strategy: strategy as PageStrategy, request: request(), items }),
    ).toThrow(OptionsError);
    expect(() =>
      paginate({ operation: "x", strategy: strategy as PageStrategy, request: request(), items }),
    ).toThrow(message);
  });

  it("rejects a non-positive maxPages", () => {
    expect(() =>
      paginate({
        operation: "x",
        strategy: { style: "none" },
        request: request(),
        items,
        maxPages: 0,
      }),
    ).toThrow("Expected `maxPages` to be a positive integer.");
  });
});

describe("nextLink", () => {
  it.each([
    ['<https://a/x?page=2>; rel="next"', "https://a/x?page=2"],
    ['<https://a/1>; rel="prev", <https://a/3>; rel=next', "https://a/3"],
    ['<https://a/x?q=1,2>; rel="next last"', "https://a/x?q=1,2"],
    ['<https://a/1>; rel="prev"', undefined],
    [null, undefined],
  ])("%s", (header, want) => {
    expect(nextLink(header)).toBe(want);
  });
});
