import { OptionsError } from "./errors.js";
import { createOAuth2TokenSource, type OAuth2TokenSource } from "./oauth2.js";
import { expectAbsoluteHttpUrl, expectNonEmptyString, expectOneOf } from "./validate.js";

export type Auth =
  | { type: "none" }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string; value: string }
  | { type: "bearer"; token: string }
  | { type: "basic"; username: string; password: string }
  | {
      type: "oauth2ClientCredentials";
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scopes?: string[];
      /** How the client authenticates to the token endpoint (RFC 6749 §2.3.1). Default "basic". */
      clientAuth?: "basic" | "body";
    };

export const AUTH_TYPES = ["none", "apiKey", "bearer", "basic", "oauth2ClientCredentials"] as const;

/** Applies credentials to one outgoing request. */
export interface AuthStrategy {
  /** Secret strings this strategy sends, so errors and logs can mask them. */
  readonly secrets: readonly string[];
  /** True when `apply` edits the URL (API key in the query), which then must be parsed. */
  readonly editsUrl?: boolean;
  /** `headers` keys are lower-case; `url` is given only to strategies that set `editsUrl`. */
  apply(
    headers: Record<string, string>,
    url: URL | undefined,
    signal: AbortSignal | undefined,
  ): void | Promise<void>;
  /** Drop cached credentials after a 401; true when a fresh attempt may succeed. */
  invalidate?(): boolean;
}

/** Validates `auth` at construction and returns the strategy that applies it. */
export function createAuth(auth: Auth | undefined, fetchNow: () => typeof fetch): AuthStrategy {
  if (auth === undefined) return { secrets: [], apply() {} };
  if (typeof auth !== "object" || auth === null) {
    throw new OptionsError("auth", "Expected `auth` to be an object with a `type`.");
  }
  switch (expectOneOf("auth.type", auth.type, AUTH_TYPES)) {
    case "none":
      return { secrets: [], apply() {} };
    case "apiKey":
      return apiKeyAuth(auth as Extract<Auth, { type: "apiKey" }>);
    case "bearer": {
      const token = expectNonEmptyString("auth.token", (auth as { token?: unknown }).token);
      const value = `Bearer ${token}`;
      return {
        secrets: [token],
        apply: (headers) => {
          headers.authorization = value;
        },
      };
    }
    case "basic": {
      const { username, password } = auth as Extract<Auth, { type: "basic" }>;
      expectNonEmptyString("auth.username", username);
      if (typeof password !== "string") {
        throw new OptionsError("auth.password", "Expected `auth.password` to be a string.");
      }
      const encoded = Buffer.from(`${username}:${password}`).toString("base64");
      const value = `Basic ${encoded}`;
      return {
        secrets: [password, encoded].filter((s) => s.length > 0),
        apply: (headers) => {
          headers.authorization = value;
        },
      };
    }
    case "oauth2ClientCredentials":
      return oauth2Auth(auth as Extract<Auth, { type: "oauth2ClientCredentials" }>, fetchNow);
  }
}

function apiKeyAuth(auth: Extract<Auth, { type: "apiKey" }>): AuthStrategy {
  const where = expectOneOf("auth.in", auth.in, ["header", "query", "cookie"] as const);
  const name = expectNonEmptyString("auth.name", auth.name);
  const value = expectNonEmptyString("auth.value", auth.value);
  const secrets = [value];
  if (where === "header") {
    const header = name.toLowerCase();
    return {
      secrets,
      apply: (headers) => {
        headers[header] = value;
      },
    };
  }
  if (where === "query") {
    return {
      secrets,
      editsUrl: true,
      apply: (_headers, url) => url?.searchParams.set(name, value),
    };
  }
  const pair = `${name}=${value}`;
  return {
    secrets,
    apply: (headers) => {
      headers.cookie = headers.cookie ? `${headers.cookie}; ${pair}` : pair;
    },
  };
}

function oauth2Auth(
  auth: Extract<Auth, { type: "oauth2ClientCredentials" }>,
  fetchNow: () => typeof fetch,
): AuthStrategy {
  expectAbsoluteHttpUrl("auth.tokenUrl", auth.tokenUrl);
  expectNonEmptyString("auth.clientId", auth.clientId);
  expectNonEmptyString("auth.clientSecret", auth.clientSecret);
  if (auth.clientAuth !== undefined)
    expectOneOf("auth.clientAuth", auth.clientAuth, ["basic", "body"] as const);
  const source: OAuth2TokenSource = createOAuth2TokenSource(auth, fetchNow);
  const secrets: string[] = [auth.clientSecret];
  return {
    // Live view: the current access token is a secret too.
    get secrets() {
      return source.current ? [...secrets, source.current] : secrets;
    },
    async apply(headers, _url, signal) {
      headers.authorization = `Bearer ${await source.token(signal)}`;
    },
    invalidate: () => source.invalidate(),
  };
}
