import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec } from "../../src/openapi/index.js";
import { expectCapkitError, fixture, minimalDoc, tempFiles } from "./helpers.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Seen headers per path, to check where the private-spec header went. */
const seen = new Map<string, string | undefined>();
let base = "";
let otherOrigin = "";
let server: Server;
const sockets = new Set<import("node:net").Socket>();

const send =
  (type: string, body: string, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": type });
    res.end(body);
  };

const routes: Record<string, Handler> = {
  "/spec.json": send("application/json", minimalDoc()),
  "/spec.yaml": send("application/yaml", readFileSync(fixture("scanhub-swagger2.yaml"), "utf8")),
  "/redirect": (_req, res) => {
    res.writeHead(302, { location: "/spec.json" });
    res.end();
  },
  "/private.json": (req, res) => {
    seen.set("/private.json", req.headers["x-token"] as string | undefined);
    if (req.headers["x-token"] !== "s3cret") return send("text/plain", "no", 401)(req, res);
    return send("application/json", minimalDoc())(req, res);
  },
  // redirects to the same server under another name: another origin, so the header must not follow
  "/private-elsewhere": (req, res) => {
    seen.set("/private-elsewhere", req.headers["x-token"] as string | undefined);
    res.writeHead(302, { location: `${otherOrigin}/echo.json` });
    res.end();
  },
  "/echo.json": (req, res) => {
    seen.set("/echo.json", req.headers["x-token"] as string | undefined);
    send("application/json", minimalDoc())(req, res);
  },
  "/multi/openapi.yaml": send(
    "application/yaml",
    readFileSync(fixture("multi-file/openapi.yaml"), "utf8"),
  ),
  "/multi/schemas/params.yaml": send(
    "application/yaml",
    readFileSync(fixture("multi-file/schemas/params.yaml"), "utf8"),
  ),
  "/multi/schemas/device.yaml": send(
    "application/yaml",
    readFileSync(fixture("multi-file/schemas/device.yaml"), "utf8"),
  ),
  "/multi/schemas/alert.yaml": send(
    "application/yaml",
    readFileSync(fixture("multi-file/schemas/alert.yaml"), "utf8"),
  ),
  "/remote/thing.yaml": send(
    "application/yaml",
    "Thing:\n  type: object\n  properties:\n    id: { type: string }\n",
  ),
  "/404": send("text/plain", "not here", 404),
  "/500": send("text/plain", "boom", 500),
  "/html": send("text/html", "<!doctype html><html><body>Swagger UI</body></html>"),
  "/slow": () => {
    // never answers: the client's timeout must fire
  },
  "/big-declared": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
    res.end(" ".repeat(5000));
  },
  "/big-chunked": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    for (let i = 0; i < 10; i++) res.write(" ".repeat(500));
    res.end("{}");
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const handler = routes[path] ?? send("text/plain", "not found", 404);
    handler(req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  otherOrigin = `http://localhost:${port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("load > URL", () => {
  it("loads JSON and strips the query string from the source", async () => {
    const spec = await loadSpec(`${base}/spec.json?token=abc`);
    expect(spec.source).toBe(`${base}/spec.json`);
    expect(spec.document.info.title).toBe("Mini");
  });

  it("loads Swagger 2.0 YAML and converts it", async () => {
    const spec = await loadSpec(`${base}/spec.yaml`);
    expect(spec.converted).toBe(true);
    expect(spec.openapi).toMatch(/^3\.0/);
  });

  it("follows redirects", async () => {
    await expect(loadSpec(`${base}/redirect`)).resolves.toMatchObject({ openapi: "3.0.3" });
  });

  it("reports progress while downloading", async () => {
    const phases: string[] = [];
    await loadSpec(`${base}/spec.json`, { onProgress: (e) => phases.push(e.phase) });
    expect(phases).toContain("download");
    expect(phases.at(-1)).toBe("done");
  });

  it("sends the spec header to the spec's origin", async () => {
    await expectCapkitError(loadSpec(`${base}/private.json`), "SPEC_HTTP_STATUS", "HTTP 401");
    await expect(
      loadSpec(`${base}/private.json`, { header: "X-Token: s3cret" }),
    ).resolves.toBeDefined();
    expect(seen.get("/private.json")).toBe("s3cret");
  });

  it("takes the header from CAPKIT_SPEC_HEADER", async () => {
    process.env.CAPKIT_SPEC_HEADER = "X-Token: s3cret";
    try {
      await expect(loadSpec(`${base}/private.json`)).resolves.toBeDefined();
    } finally {
      delete process.env.CAPKIT_SPEC_HEADER;
    }
  });

  it("does not forward the header across a redirect to another origin", async () => {
    await loadSpec(`${base}/private-elsewhere`, { header: "X-Token: s3cret" });
    expect(seen.get("/private-elsewhere")).toBe("s3cret");
    expect(seen.get("/echo.json")).toBeUndefined();
  });

  it("bundles a multi-file document from relative URLs", async () => {
    const spec = await loadSpec(`${base}/multi/openapi.yaml`);
    const text = JSON.stringify(spec.document);
    expect(text).not.toMatch(/"\$ref":"(?!#)/);
    expect(text).toContain("laptop-77.corp.example");
  });
});

describe("load > URL errors", () => {
  const cases: [
    string,
    { path: string; code: string; says: RegExp; options?: Parameters<typeof loadSpec>[1] },
  ][] = [
    ["404", { path: "/404", code: "SPEC_HTTP_STATUS", says: /answered 404/ }],
    ["500", { path: "/500", code: "SPEC_HTTP_STATUS", says: /answered 500/ }],
    ["an HTML page", { path: "/html", code: "SPEC_NOT_A_SPEC", says: /HTML page/ }],
    [
      "a timeout",
      {
        path: "/slow",
        code: "SPEC_TIMEOUT",
        says: /within 0\.2 s\. .*--timeout <seconds>/,
        options: { timeoutMs: 200 },
      },
    ],
    [
      "a declared length over the cap",
      {
        path: "/big-declared",
        code: "SPEC_TOO_LARGE",
        says: /1000-byte cap.*--max-spec-bytes <bytes> \(or CAPKIT_MAX_SPEC_BYTES\)/,
        options: { maxBytes: 1000 },
      },
    ],
    [
      "a streamed body over the cap",
      {
        path: "/big-chunked",
        code: "SPEC_TOO_LARGE",
        says: /1000-byte cap.*--max-spec-bytes <bytes> \(or CAPKIT_MAX_SPEC_BYTES\)/,
        options: { maxBytes: 1000 },
      },
    ],
  ];
  it.each(cases)("%s", async (_name, { path, code, says, options }) => {
    const error = await expectCapkitError(loadSpec(`${base}${path}?secret=1`, options), code);
    expect(error.message).toMatch(says);
    expect(error.message).toContain(`${base}${path}`);
    expect(error.message).not.toContain("secret=1");
  });

  it("refuses credentials in the URL without echoing them", async () => {
    const error = await expectCapkitError(
      loadSpec(base.replace("http://", "http://user:hunter2@")),
      "SPEC_CREDENTIALS_IN_URL",
    );
    expect(error.message).not.toContain("hunter2");
  });

  it("an unreachable host", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await expectCapkitError(
      loadSpec(`http://127.0.0.1:${port}/spec.json`),
      "SPEC_UNREACHABLE",
    );
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

describe("load > remote $refs", () => {
  const doc = (url: string): string =>
    [
      "openapi: 3.0.3",
      "info: { title: r, version: '1' }",
      "paths:",
      "  /x:",
      "    get:",
      "      responses:",
      "        '200':",
      "          description: ok",
      "          content:",
      "            application/json:",
      `              schema: { $ref: '${url}#/Thing' }`,
    ].join("\n");

  it("refuses a remote $ref unless allowed, naming the pointer", async () => {
    const files = tempFiles({ "remote.yaml": doc(`${base}/remote/thing.yaml`) });
    try {
      const where = "#/paths/~1x/get/responses/200/content/application~1json/schema";
      const error = await expectCapkitError(
        loadSpec(files.path("remote.yaml")),
        "SPEC_REMOTE_REF",
        where,
      );
      expect(error.message).toContain("--allow-remote-refs");
      const spec = await loadSpec(files.path("remote.yaml"), { allowRemoteRefs: true });
      expect(JSON.stringify(spec.document)).not.toMatch(/"\$ref":"(?!#)/);
    } finally {
      files.remove();
    }
  });
});
