import { IntegrationError } from "./errors.js";

export interface OAuth2ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes?: string[];
  clientAuth?: "basic" | "body";
}

export interface OAuth2TokenSource {
  /** The cached access token, if any (for masking). */
  readonly current: string | undefined;
  token(signal?: AbortSignal): Promise<string>;
  invalidate(): boolean;
}

const OPERATION = "oauth2 token";
// Refresh this long before expiry, so a token never expires between check and use.
const REFRESH_MARGIN_MS = 60_000;

/** Client-credentials grant (RFC 6749 §4.4) with a cache, early refresh and single-flight fetches. */
export function createOAuth2TokenSource(
  config: OAuth2ClientCredentials,
  fetchNow: () => typeof fetch,
  now: () => number = Date.now,
): OAuth2TokenSource {
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function request(signal?: AbortSignal): Promise<string> {
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
      const pair = `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`;
      headers.set("authorization", `Basic ${Buffer.from(pair).toString("base64")}`);
    }
    let response: Response;
    try {
      response = await fetchNow()(config.tokenUrl, {
        method: "POST",
        headers,
        body,
        signal: signal ?? null,
      });
    } catch (cause) {
      throw new IntegrationError("NETWORK", `${OPERATION} request failed`, {
        operation: OPERATION,
        retryable: true,
        cause,
      });
    }
    const text = await response.text();
    if (!response.ok) {
      throw IntegrationError.fromResponse(OPERATION, response, {
        body: text,
        secrets: [config.clientSecret],
      });
    }
    const parsed = parseToken(text);
    if (!parsed) {
      throw new IntegrationError(
        "BAD_TOKEN_RESPONSE",
        `${OPERATION} response has no access_token`,
        {
          operation: OPERATION,
          status: response.status,
          retryable: false,
        },
      );
    }
    const lifetimeMs = (parsed.expiresIn ?? 3600) * 1000;
    // Refresh at the margin, or halfway through a short-lived token.
    cached = {
      token: parsed.token,
      refreshAt: now() + Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs / 2),
    };
    return parsed.token;
  }

  return {
    get current() {
      return cached?.token;
    },
    token(signal) {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inflight ??= request(signal).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate() {
      cached = undefined;
      return true;
    },
  };
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
