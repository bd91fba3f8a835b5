// Issue 10, defect 6: a listing goes on past empty pages that still say "more" (bounded), stops at
// the first repeated cursor or URL, and warns whenever it stops for a reason other than the API's
// own end.
import { describe, expect, it } from "vitest";
import {
  createHttp,
  createLogger,
  type PageStep,
  type PageStrategy,
  paginate,
  readJson,
} from "../../packages/runtime/src/index.js";
import { useFaultServer } from "./helpers/fault-server.js";
import { collectLogs } from "./helpers/server.js";

const server = useFaultServer();

const cursor: PageStrategy = {
  style: "cursor",
  param: "cursor",
  nextCursor: (body) => (body as { next?: unknown }).next,
};

async function list(
  path: string,
  strategy: PageStrategy,
  options: { maxPages?: number; maxEmptyPages?: number; query?: Record<string, string> } = {},
) {
  const http = createHttp({ baseUrl: server.url, rateLimit: false, retry: false });
  const logs = collectLogs();
  const ids: unknown[] = [];
  for await (const record of paginate({
    operation: "listThings",
    strategy,
    request: async (step: PageStep) => {
      const url =
        "url" in step
          ? step.url
          : `${path}?${new URLSearchParams({ ...options.query, ...stringify(step.params) })}`;
      const response = await http.fetch(url);
      return { body: await readJson("listThings", response), response };
    },
    items: (body) => (body as { data?: { id: unknown }[] }).data,
    maxPages: options.maxPages,
    maxEmptyPages: options.maxEmptyPages,
    logger: createLogger({ destination: logs.destination }),
  })) {
    ids.push(record.id);
  }
  const warnings = logs.lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
  return { ids, warnings, requests: server.requests.length };
}

const stringify = (params: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));

describe("empty pages that carry a next signal", () => {
  it("continues past empty middle pages", async () => {
    const { ids, warnings, requests } = await list("/pages/empty-middle", cursor);
    expect(ids).toEqual([0, 4]);
    expect(requests).toBe(5);
    expect(warnings).toEqual([]);
  });

  it("stops after maxEmptyPages empty pages in a row, with a warning", async () => {
    const { ids, warnings, requests } = await list("/pages/empty-middle", cursor, {
      maxEmptyPages: 3,
      query: { pages: "50", empty: "40" },
    });
    expect(ids).toEqual([0]);
    expect(requests).toBe(4);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ operation: "listThings", maxEmptyPages: 3 });
  });

  it("an empty page without a next signal is the API's end: no warning", async () => {
    const { ids, warnings } = await list("/pages/empty-middle", cursor, {
      query: { pages: "2", empty: "1" },
    });
    expect(ids).toEqual([0]);
    expect(warnings).toEqual([]);
  });
});

describe("repeated cursors and URLs", () => {
  it("stops at a cursor cycle A, B, A with a warning, not at maxPages", async () => {
    const { ids, warnings, requests } = await list("/pages/cycle", cursor, { maxPages: 50 });
    expect(ids).toEqual(["start", "c0", "c1"]);
    expect(requests).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/repeat/i);
  });

  it("detects a longer cycle, not just the previous cursor", async () => {
    const { ids, warnings } = await list("/pages/cycle", cursor, {
      maxPages: 50,
      query: { cycle: "4" },
    });
    expect(ids).toEqual(["start", "c0", "c1", "c2", "c3"]);
    expect(warnings).toHaveLength(1);
  });

  it.each<[string, PageStrategy]>([
    ["a next-URL cycle", { style: "nextUrl", nextUrl: (b) => (b as { next?: unknown }).next }],
    ["a Link-header cycle", { style: "link" }],
  ])("stops at %s, counting the first page's own URL", async (_name, strategy) => {
    const via = strategy.style === "link" ? "link" : "body";
    const { ids, warnings, requests } = await list("/pages/url-cycle", strategy, {
      maxPages: 50,
      query: { cycle: "3", via },
    });
    expect(ids).toEqual([0, 1, 2]);
    expect(requests).toBe(3);
    expect(warnings).toHaveLength(1);
  });
});

describe("warnings name why a listing stopped early", () => {
  it("maxPages", async () => {
    const { ids, warnings } = await list("/pages/cycle", cursor, {
      maxPages: 2,
      query: { cycle: "10" },
    });
    expect(ids).toEqual(["start", "c0"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ maxPages: 2 });
  });

  it("no warning when the API ends the listing", async () => {
    const http = createHttp({ baseUrl: server.url, rateLimit: false, retry: false });
    const logs = collectLogs();
    const pages = paginate({
      operation: "listThings",
      strategy: cursor,
      request: async () => {
        const response = await http.fetch("/ok");
        return { body: await readJson("listThings", response), response };
      },
      items: () => [1, 2],
      logger: createLogger({ destination: logs.destination }),
    });
    const got: number[] = [];
    for await (const n of pages) got.push(n);
    expect(got).toEqual([1, 2]);
    expect(logs.lines).toEqual([]);
  });
});
