import { describe, expect, it } from "vitest";
import { createLogger, redactSnippet, sanitizeUrl } from "../../packages/runtime/src/index.js";
import { collectLogs } from "./helpers/server.js";

describe("sanitizeUrl", () => {
  it.each([
    [
      "https://user:pw@api.example.com/v1/items?api_key=K&x=1#frag",
      "https://api.example.com/v1/items",
    ],
    ["http://127.0.0.1:8080/a?token=t", "http://127.0.0.1:8080/a"],
    ["/relative/path?secret=s", "/relative/path"],
    ["https://api.example.com", "https://api.example.com/"],
    ["ftp://u:p@host/x?y", "ftp://host/x"],
    ["not a url?key=1", "not a url"],
  ])("%s", (url, want) => {
    expect(sanitizeUrl(url)).toBe(want);
  });
});

describe("createLogger", () => {
  function logger() {
    const logs = collectLogs();
    return {
      log: createLogger({ destination: logs.destination, bindings: { capability: "acme" } }),
      lines: logs.lines,
    };
  }

  it("writes structured JSON lines with the bindings", () => {
    const { log, lines } = logger();
    log.info({ operation: "listHosts", count: 3 }, "paged");
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 30,
      capability: "acme",
      operation: "listHosts",
      count: 3,
      msg: "paged",
    });
  });

  it("masks credential fields at the top and nested levels", () => {
    const { log, lines } = logger();
    log.info({
      password: "p1",
      token: "t1",
      headers: { authorization: "Bearer b1", "x-api-key": "k1", cookie: "c1" },
      config: { auth: { clientSecret: "s1", apiKey: "k2" } },
    });
    const line = lines[0]!;
    for (const secret of ["p1", "t1", "b1", "k1", "c1", "s1", "k2"])
      expect(line).not.toContain(`"${secret}`);
    expect(line).toContain("[Redacted]");
  });

  it("strips query strings and user-info from URL fields", () => {
    const { log, lines } = logger();
    log.warn({ url: "https://u:pw@api.example.com/x?api_key=K1" }, "retrying");
    expect(lines[0]).toContain("https://api.example.com/x");
    expect(lines[0]).not.toContain("K1");
    expect(lines[0]).not.toContain("pw");
  });

  it("honours the level", () => {
    const logs = collectLogs();
    const log = createLogger({ destination: logs.destination, level: "warn" });
    log.info("hidden");
    log.warn("shown");
    expect(logs.lines).toHaveLength(1);
  });
});

describe("redactSnippet", () => {
  it("keeps a short, single-line excerpt", () => {
    const long = `{"message":"${"x ".repeat(500)}"}`;
    const snippet = redactSnippet(long)!;
    expect(snippet.length).toBeLessThanOrEqual(201);
    expect(snippet).not.toContain("\n");
  });

  it("masks credential pairs, auth headers, opaque tokens and known secrets", () => {
    const body = {
      error: "bad",
      access_token: "abc",
      echo: "Authorization: Bearer zz-top",
      jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl",
      note: "your key short-secret-1 is wrong",
    };
    const snippet = redactSnippet(body, ["short-secret-1"])!;
    for (const leaked of ["abc", "zz-top", "eyJhbGci", "short-secret-1"])
      expect(snippet).not.toContain(leaked);
    expect(snippet).toContain("bad");
  });
});
