import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkRecords,
  createHttp,
  createLogger,
  IntegrationError,
  OptionsError,
  paginate,
  readJson,
  readPath,
  recordsAt,
  z,
} from "../../packages/runtime/src/index.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

const Host = z.looseObject({ id: z.string(), ip: z.string(), os: z.string().nullish() });
const SECRET_VALUE = "s3cr3t-host-value";

function host(i: number) {
  return { id: `h${i}`, ip: `93.184.216.${i}` };
}
/** A record that fails its schema with a value nobody may log. */
const bad = { id: 7, ip: SECRET_VALUE };

async function* from(values: unknown[]) {
  yield* values;
}

function collector() {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line: string) => lines.push(line) } });
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { lines, logger, parsed };
}

async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe("checkRecords: one bad record does not end the run", () => {
  it("skips a bad record, logs operation, index and field path (never values), keeps the rest", async () => {
    const { logger, parsed, lines } = collector();
    const records = [...Array.from({ length: 10 }, (_v, i) => host(i)), bad];
    const out = await all(checkRecords("listHosts", Host, from(records), { logger }));
    expect(out.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_v, i) => `h${i}`));
    const [skip, summary] = parsed();
    expect(skip).toMatchObject({ operation: "listHosts", index: 10, fields: ["id"] });
    expect(skip?.msg).toBe("skipped a record that does not match the spec");
    expect(summary).toMatchObject({ operation: "listHosts", skipped: 1, total: 11 });
    expect(summary?.msg).toBe("listHosts: skipped 1 of 11 records do not match the spec (id ×1)");
    expect(lines.join("\n")).not.toContain(SECRET_VALUE);
  });

  it("tolerates one bad record even in a short listing (default ratio)", async () => {
    const out = await all(checkRecords("listHosts", Host, from([bad, host(1)])));
    expect(out).toEqual([host(1)]);
  });

  it("fails past 10 % of the listing's records, with a summary of the fields", async () => {
    const records = [
      ...Array.from({ length: 17 }, (_v, i) => host(i)),
      bad,
      bad,
      { id: "h9", ip: null },
    ];
    const error = await all(checkRecords("listHosts", Host, from(records))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ code: "RECORDS_INVALID", retryable: false });
    expect((error as Error).message).toBe(
      "listHosts: 3 of 20 records do not match the spec (id ×2, ip ×1), more than the 10 % allowed",
    );
    expect((error as Error).message).not.toContain(SECRET_VALUE);
  });

  it("passes at exactly the threshold and fails one record past it", async () => {
    const twenty = (badCount: number) => [
      ...Array.from({ length: 20 - badCount }, (_v, i) => host(i)),
      ...Array.from({ length: badCount }, () => bad),
    ];
    await expect(all(checkRecords("l", Host, from(twenty(2))))).resolves.toHaveLength(18);
    await expect(all(checkRecords("l", Host, from(twenty(3))))).rejects.toThrow(/3 of 20/);
  });

  it("takes another threshold; 0 means no bad record at all", async () => {
    const records = [host(1), bad, bad, host(2)];
    await expect(
      all(checkRecords("l", Host, from(records), { maxInvalidRatio: 0.5 })),
    ).resolves.toHaveLength(2);
    await expect(
      all(checkRecords("l", Host, from([host(1), bad]), { maxInvalidRatio: 0 })),
    ).rejects.toThrow(/more than the 0 % allowed/);
    for (const maxInvalidRatio of [-0.1, 1.5, Number.NaN])
      expect(() => checkRecords("l", Host, from([]), { maxInvalidRatio })).toThrow(OptionsError);
  });

  it("logs the first ten skipped records one by one, then only counts", async () => {
    const c = collector();
    const records = [...Array.from({ length: 300 }, (_v, i) => host(i)), ...Array(25).fill(bad)];
    await all(checkRecords("l", Host, from(records), { logger: c.logger }));
    const lines = c.parsed();
    expect(
      lines.filter((l) => l.msg === "skipped a record that does not match the spec"),
    ).toHaveLength(10);
    expect(lines.at(-1)).toMatchObject({ skipped: 25, total: 325 });
  });

  it("stopping early is not a failure: the threshold applies to a listing read to its end", async () => {
    const records = [host(1), bad, bad, bad];
    const out: unknown[] = [];
    for await (const r of checkRecords("l", Host, from(records))) {
      out.push(r);
      break;
    }
    expect(out).toEqual([host(1)]);
  });
});

describe("checkRecords over real pages", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const page = Number(new URL(req.url ?? "/", "http://x").searchParams.get("page") ?? "1");
      const data = page === 1 ? [host(1), bad, host(2)] : page === 2 ? [host(3)] : [];
      json(res, 200, { data, total_pages: 2 });
    });
  });
  afterAll(() => server.close());

  it("skips the bad record on page 1 and still reads page 2", async () => {
    const http = createHttp({ baseUrl: server.url, rateLimit: false });
    const pages = paginate<unknown>({
      operation: "listHosts",
      strategy: {
        style: "page",
        pageParam: "page",
        totalPages: (b) => readPath(b, ["total_pages"]),
      },
      request: async (step) => {
        const query = "params" in step ? `?page=${step.params.page}` : "";
        const response = await http.fetch(`/hosts${query}`);
        return { body: await readJson("listHosts", response), response };
      },
      items: (body) => recordsAt("listHosts", readPath(body, ["data"])),
    });
    const out = await all(checkRecords("listHosts", Host, pages));
    expect(out.map((r) => r.id)).toEqual(["h1", "h2", "h3"]);
    expect(server.requests).toHaveLength(2);
  });
});
