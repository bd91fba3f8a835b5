// A loopback vendor API for the shared-state tests and `npm run load:shared`: an OAuth2 token
// endpoint that counts its fetches, and records behind a token bucket of `rate` per second that
// answers 429 (Retry-After: 1) when it is empty, as most vendors' limiters do.
import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LimitedApiOptions {
  /** Requests per second the API accepts. */
  rate: number;
  /** Requests it accepts back to back (the bucket's size). */
  burst: number;
  /** Lifetime of the tokens it issues, in seconds. Default 3600. */
  tokenLifetimeSec?: number;
}

export interface LimitedApi {
  readonly url: string;
  readonly tokenUrl: string;
  /** Counters since start (or `reset()`). */
  readonly stats: {
    accepted: number;
    refused: number;
    tokenFetches: number;
    unauthorized: number;
    /** Date.now() of each accepted request. */
    acceptedAt: number[];
    /** The `x-client` header of each accepted request (a load worker names itself). */
    acceptedBy: string[];
    /** Date.now() of each refused request (429). */
    refusedAt: number[];
    /** Accepted fetches per record id. */
    fetched: Map<string, number>;
    /** Every token issued, in order. */
    issued: string[];
  };
  /** Revokes every token issued so far (the next request with one gets 401). */
  revokeTokens(): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startLimitedApi(options: LimitedApiOptions): Promise<LimitedApi> {
  const lifetime = options.tokenLifetimeSec ?? 3600;
  const valid = new Set<string>();
  let tokens = options.burst;
  let updated = performance.now();
  const stats: LimitedApi["stats"] = {
    accepted: 0,
    refused: 0,
    tokenFetches: 0,
    unauthorized: 0,
    acceptedAt: [],
    acceptedBy: [],
    refusedAt: [],
    fetched: new Map(),
    issued: [],
  };

  function take(): boolean {
    const now = performance.now();
    tokens = Math.min(options.burst, tokens + ((now - updated) / 1000) * options.rate);
    updated = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://api");
      if (req.method === "POST" && url.pathname === "/oauth/token") {
        stats.tokenFetches += 1;
        const token = randomBytes(24).toString("base64url");
        valid.add(token);
        stats.issued.push(token);
        return send(res, 200, { access_token: token, token_type: "bearer", expires_in: lifetime });
      }
      const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      if (!valid.has(bearer)) {
        stats.unauthorized += 1;
        return send(res, 401, { error: "invalid_token" });
      }
      if (!take()) {
        stats.refused += 1;
        stats.refusedAt.push(Date.now());
        return send(res, 429, { error: "rate limited" }, { "retry-after": "1" });
      }
      stats.accepted += 1;
      stats.acceptedAt.push(Date.now());
      stats.acceptedBy.push(String(req.headers["x-client"] ?? ""));
      const id = url.pathname.split("/").pop() ?? "";
      stats.fetched.set(id, (stats.fetched.get(id) ?? 0) + 1);
      return send(res, 200, { id, name: `record ${id}` });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    tokenUrl: `${url}/oauth/token`,
    stats,
    revokeTokens: () => valid.clear(),
    reset() {
      stats.accepted = 0;
      stats.refused = 0;
      stats.tokenFetches = 0;
      stats.unauthorized = 0;
      stats.acceptedAt.length = 0;
      stats.acceptedBy.length = 0;
      stats.refusedAt.length = 0;
      stats.fetched.clear();
      stats.issued.length = 0;
      tokens = options.burst;
      updated = performance.now();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
