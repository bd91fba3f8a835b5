// OAuth2 client-credentials grant (RFC 6749 §4.4): a cached token, refreshed before it expires,
// fetched once for all concurrent callers. The token request goes through the same resilient
// fetch as any request (timeout, retries, redirects kept on the token endpoint's origin); each
// caller waits for it under its own signal, so one caller's abort ends only that caller's wait.
import { IntegrationError } from "./errors.js";

export interface OAuth2ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes?: string[];
  clientAuth?: "basic" | "body";
}

export interface CachedToken {
  token: string;
  /** Epoch milliseconds after which the token is fetched again (before it expires). */
  refreshAt: number;
}

/**
 * Where a token is kept between calls. The default is this client's memory; a shared store (one
 * token for many workers) implements the same methods, and `lock`.
 */
export interface TokenCache {
  get(): CachedToken | undefined | Promise<CachedToken | undefined>;
  set(token: CachedToken): void | Promise<void>;
  delete(): void | Promise<void>;
  /**
   * A shared cache's short lock on this credential: `work` (read again, else fetch and store) runs
   * in one process at a time, so one fetches and the others then read what it stored.
   */
  lock?<T>(work: () => Promise<T>): Promise<T>;
}

/** What the HTTP layer asks of a token source. */
export interface TokenSource {
  /** The token last seen, if any (for masking). */
  readonly current: string | undefined;
  /** A valid token; `signal` ends this caller's wait only. */
  token(signal?: AbortSignal): Promise<string>;
  /** Drop the cached token after a 401; true when a fresh one may help. */
  invalidate(): boolean;
}

/** The resilient fetch bound to the token endpoint (or any fetch, in tests). */
export type TokenFetch = (
  url: string,
  init: RequestInit & { operation?: string },
) => Promise<Response>;

export const TOKEN_OPERATION = "oauth2 token";
// Refresh this long before expiry, so a token never expires between check and use.
const REFRESH_MARGIN_MS = 60_000;

export function memoryTokenCache(): TokenCache {
  let cached: CachedToken | undefined;
  return {
    get: () => cached,
    set: (token) => {
      cached = token;
    },
    delete: () => {
      cached = undefined;
    },
  };
}

export function createOAuth2TokenSource(
  config: OAuth2ClientCredentials,
  options: { fetch: TokenFetch; cache?: TokenCache | undefined; now?: () => number },
): TokenSource {
  const now = options.now ?? Date.now;
  const cache = options.cache ?? memoryTokenCache();
  let current: string | undefined;
  let inflight: Promise<string> | undefined;

  async function cachedToken(): Promise<string | undefined> {
    const cached = await cache.get();
    if (!cached || now() >= cached.refreshAt) return undefined;
    current = cached.token;
    return cached.token;
  }

  async function fetchToken(): Promise<string> {
    const cached = await cachedToken();
    if (cached !== undefined) return cached;
    if (!cache.lock) return fetchAndStore();
    // Another process may have stored a fresh token while this one waited for the lock.
    return cache.lock(async () => (await cachedToken()) ?? fetchAndStore());
  }

  async function fetchAndStore(): Promise<string> {
    const response = await options.fetch(config.tokenUrl, {
      method: "POST",
      operation: TOKEN_OPERATION,
      ...tokenRequest(config),
    });
    const text = await response.text();
    const secrets = [config.clientSecret, clientBasic(config)];
    if (!response.ok)
      throw IntegrationError.fromResponse(TOKEN_OPERATION, response, { body: text, secrets });
    const parsed = parseToken(text);
    if (!parsed) {
      throw new IntegrationError(
        "BAD_TOKEN_RESPONSE",
        `${TOKEN_OPERATION} response has no access_token`,
        {
          operation: TOKEN_OPERATION,
          status: response.status,
          retryable: false,
        },
      );
    }
    const lifetimeMs = (parsed.expiresIn ?? 3600) * 1000;
    // Refresh at the margin, or halfway through a short-lived token.
    const refreshAt = now() + Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs / 2);
    current = parsed.token;
    await cache.set({ token: parsed.token, refreshAt });
    return parsed.token;
  }

  return {
    get current() {
      return current;
    },
    token(signal) {
      // The common case, answered without a promise chain: a fresh token in a synchronous cache.
      const hit = cache.get();
      if (!(hit instanceof Promise) && hit && now() < hit.refreshAt) {
        current = hit.token;
        return Promise.resolve(hit.token);
      }
      if (!inflight) {
        const shared = fetchToken().finally(() => {
          inflight = undefined;
        });
        // Nobody may be waiting when it fails (every caller gave up): that is not unhandled.
        shared.catch(() => {});
        inflight = shared;
      }
      return signal ? untilAborted(inflight, signal) : inflight;
    },
    invalidate() {
      current = undefined;
      void Promise.resolve(cache.delete()).catch(() => {});
      return true;
    },
  };
}

function tokenRequest(config: OAuth2ClientCredentials): { headers: Headers; body: string } {
  const body = new URLSearchParams({ grant_type: "client_credentials" });
  if (config.scopes?.length) body.set("scope", config.scopes.join(" "));
  const headers = new Headers({
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  });
  if (config.clientAuth === "body") {
    body.set("client_id", config.clientId);
    body.set("client_secret", config.clientSecret);
  } else {
    headers.set("authorization", `Basic ${clientBasic(config)}`);
  }
  return { headers, body: body.toString() };
}

function clientBasic(config: OAuth2ClientCredentials): string {
  const pair = `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`;
  return Buffer.from(pair).toString("base64");
}

/** `promise`, or the signal's reason as soon as it aborts (the promise itself runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function parseToken(text: string): { token: string; expiresIn: number | undefined } | undefined {
  try {
    const json = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== "string" || json.access_token === "") return undefined;
    const expiresIn = Number(json.expires_in);
    return {
      token: json.access_token,
      expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined,
    };
  } catch {
    return undefined;
  }
}
