// A misbehaving API on loopback, for the adversarial suite: every route is one fault an
// integration meets in production (redirects off-origin, bodies that stall or trickle, token
// endpoints that hang or fail, cursor cycles, empty middle pages, huge and epoch-style rate-limit
// resets, credentials echoed in error bodies). Routes take their parameters from the query string.
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { json, type Received, startServer, type TestServer } from "./server.js";

export interface FaultServer extends TestServer {
  /** Requests per route path (e.g. `/token`), counted since the server started or `reset()`. */
  hits(path: string): number;
  /** Clears the request log and the per-route counters. */
  reset(): void;
}

type Route = (req: Received, res: ServerResponse, query: URLSearchParams, hit: number) => unknown;

/** Headers then part of a JSON body, then silence until the client goes away. */
const stall: Route = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"data":[');
};

/** A JSON body one whitespace byte at a time, every `ms` (default 20), forever. */
const trickle: Route = (_req, res, query) => {
  res.writeHead(200, { "content-type": "application/json" });
  const timer = setInterval(() => res.write(" "), Number(query.get("ms") ?? 20));
  res.on("close", () => clearInterval(timer));
};

/** `to` with `status` (default 302). */
const redirect: Route = (_req, res, query) => {
  res.writeHead(Number(query.get("status") ?? 302), { location: query.get("to") ?? "/ok" });
  res.end();
};

/**
 * Everything the client sent that could be a credential, echoed in an error body (`status`,
 * default 401); `raw=1` sends it as text that is not JSON.
 */
const echo: Route = (req, res, query) => {
  const detail = `you sent ${req.headers.authorization ?? ""} ${req.headers["x-api-key"] ?? ""} ${req.headers.cookie ?? ""} to ${req.url}`;
  const status = Number(query.get("status") ?? 401);
  if (query.get("raw") === "1") {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(`{"detail": "${detail}", oops`);
    return;
  }
  json(res, status, { error: "denied", detail, headers: req.headers, body: req.body });
};

/**
 * An OAuth2 token endpoint: `hang=1` never answers; `status=N` always answers N (a rejected
 * client), echoing what it was sent; `fail=N` answers 503 to the first N calls; `delay=ms` answers
 * late; then a token `<prefix><n>` (default `tok-<n>`) valid for `expires` seconds (default 3600).
 */
const token: Route = (req, res, query, hit) => {
  if (query.get("hang") === "1") return;
  if (query.has("status")) {
    json(res, Number(query.get("status")), {
      error: "invalid_client",
      got: req.headers.authorization,
      body: req.body,
    });
    return;
  }
  if (hit <= Number(query.get("fail") ?? 0)) {
    json(res, 503, { error: "temporarily_unavailable" });
    return;
  }
  const answer = () =>
    json(res, 200, {
      access_token: `${query.get("prefix") ?? "tok-"}${hit}`,
      expires_in: Number(query.get("expires") ?? 3600),
    });
  const delay = Number(query.get("delay") ?? 0);
  if (delay > 0) setTimeout(answer, delay);
  else answer();
};

/** A first page, then cursor pages c0 → c1 → … → c0: a cycle of `cycle` (default 2) cursors. */
const cursorCycle: Route = (_req, res, query) => {
  const size = Number(query.get("cycle") ?? 2);
  const at = query.get("cursor");
  if (at === null) {
    json(res, 200, { data: [{ id: "start" }], next: "c0" });
    return;
  }
  json(res, 200, { data: [{ id: at }], next: `c${(Number(at.slice(1)) + 1) % size}` });
};

/**
 * Next-URL pages 0 → 1 → … → 0 (`cycle`, default 3), the URL in the body's `next` or, with
 * `via=link`, in a Link header. Page 0's URL is the first request's own (no `page` parameter).
 */
const urlCycle: Route = (req, res, query) => {
  const size = Number(query.get("cycle") ?? 3);
  const page = Number(query.get("page") ?? 0);
  const next = new URLSearchParams(query);
  next.delete("page");
  if ((page + 1) % size !== 0) next.set("page", String((page + 1) % size));
  const url = `http://${req.headers.host}/pages/url-cycle?${next}`;
  const viaLink = query.get("via") === "link";
  json(
    res,
    200,
    { data: [{ id: page }], next: viaLink ? null : url },
    viaLink ? { link: `<${url}>; rel="next"` } : {},
  );
};

/**
 * Cursor pages 0…`pages`-1 (default 5): the first and last carry a record, the ones between are
 * empty but still name a next cursor (`empty=N` makes pages 1…N empty instead).
 */
const emptyMiddle: Route = (_req, res, query) => {
  const pages = Number(query.get("pages") ?? 5);
  const empty = Number(query.get("empty") ?? pages - 2);
  const at = Number(query.get("cursor") ?? 0);
  const data = at === 0 || at > empty ? [{ id: at }] : [];
  json(res, 200, { data, next: at + 1 < pages ? String(at + 1) : null });
};

/**
 * 429 with `retry-after` and/or `x-ratelimit-remaining: 0` + `x-ratelimit-reset` (`reset` as given:
 * delta seconds, epoch seconds or epoch milliseconds). `after=N` answers 200 from hit N on.
 */
const limited: Route = (_req, res, query, hit) => {
  if (query.has("after") && hit >= Number(query.get("after"))) {
    json(res, 200, { ok: true });
    return;
  }
  const headers: Record<string, string> = {};
  if (query.has("retryAfter")) headers["retry-after"] = query.get("retryAfter") ?? "";
  if (query.has("reset")) {
    headers["x-ratelimit-remaining"] = "0";
    headers["x-ratelimit-reset"] = query.get("reset") ?? "";
  }
  json(res, Number(query.get("status") ?? 429), { error: "slow down" }, headers);
};

/** 200 with `remaining`/`reset` rate-limit headers on a successful answer. */
const window: Route = (_req, res, query) => {
  json(
    res,
    200,
    { ok: true },
    {
      "x-ratelimit-remaining": query.get("remaining") ?? "0",
      "x-ratelimit-reset": query.get("reset") ?? "1",
    },
  );
};

/** A 200 whose body is not JSON; `chunked=1` sends it without a content-length. */
const notJson: Route = (_req, res, query) => {
  const body = '{"token": "tok-in-body", oops';
  if (query.get("chunked") === "1") {
    res.writeHead(200, { "content-type": "application/json" });
    res.write(body.slice(0, 10));
    res.end(body.slice(10));
    return;
  }
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
};

const ROUTES: Record<string, Route> = {
  "/stall": stall,
  "/trickle": trickle,
  "/redirect": redirect,
  "/echo": echo,
  "/token": token,
  "/hang": () => undefined,
  "/drop": (_req, res) => res.socket?.destroy(),
  "/not-json": notJson,
  "/pages/cycle": cursorCycle,
  "/pages/url-cycle": urlCycle,
  "/pages/empty-middle": emptyMiddle,
  "/limited": limited,
  "/window": window,
  "/ok": (req, res) => json(res, 200, { ok: true, method: req.method, url: req.url }),
};

/**
 * Starts the fault server on 127.0.0.1, port 0. A path that is no route is tried by its last
 * segment (`/bot123/drop` is `/drop`); otherwise it answers 404.
 */
export async function startFaultServer(): Promise<FaultServer> {
  const counters = new Map<string, number>();
  const server = await startServer((req, res) => {
    const url = new URL(req.url, "http://fault.invalid");
    const hit = (counters.get(url.pathname) ?? 0) + 1;
    counters.set(url.pathname, hit);
    // `/anything/drop` is `/drop`: a fault under a path that carries something (a key).
    const route = ROUTES[url.pathname] ?? ROUTES[url.pathname.slice(url.pathname.lastIndexOf("/"))];
    if (route) return route(req, res, url.searchParams, hit);
    json(res, 404, { error: "no such route" });
  });
  return Object.assign(server, {
    hits: (path: string) => counters.get(path) ?? 0,
    reset() {
      counters.clear();
      server.requests.length = 0;
    },
  });
}

/**
 * A fault server for the test file that calls this at its top: started before its tests, reset
 * (request log and counters) before each one, closed after them.
 */
export function useFaultServer(): FaultServer {
  let server: FaultServer | undefined;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.reset());
  const live = (): FaultServer => {
    if (!server) throw new Error("the fault server starts in beforeAll: use it inside a test");
    return server;
  };
  return {
    get url() {
      return live().url;
    },
    get requests() {
      return live().requests;
    },
    handle: (handler) => live().handle(handler),
    close: () => live().close(),
    hits: (path) => live().hits(path),
    reset: () => live().reset(),
  };
}
