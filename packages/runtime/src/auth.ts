import { expectCredential, expectTokenName, type SecretNames } from "./credentials.js";
import { OptionsError } from "./errors.js";
import {
  createOAuth2TokenSource,
  type OAuth2ClientCredentials,
  type TokenCache,
  type TokenFetch,
  type TokenSource,
} from "./oauth2.js";
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
      /** Where the token is kept between calls. Default: in this client's memory. */
      cache?: TokenCache;
    };

export const AUTH_TYPES = ["none", "apiKey", "bearer", "basic", "oauth2ClientCredentials"] as const;

/** Applies credentials to one outgoing request (only ever one to the API's own origin). */
export interface AuthStrategy {
  /** Secret strings this strategy sends, so errors and logs can mask them. */
  readonly secrets: readonly string[];
  /** Header names (lower-case) that carry credentials: never sent to another origin. */
  readonly headers: readonly string[];
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

export interface AuthContext {
  /** Job secret keys by value: a bad credential is named by its key, never shown. */
  names: SecretNames;
  /** The fetch for a token endpoint: same timeout and retry policy as any request. */
  tokenFetch(tokenUrl: URL, secrets: readonly string[]): TokenFetch;
  /** The cache for a client that names none (the state store's); default this client's memory. */
  tokenCache?(client: OAuth2ClientCredentials): TokenCache;
}

const NONE: AuthStrategy = { secrets: [], headers: [], apply() {} };
// Always stripped off-origin, whatever the strategy (a caller may set them by hand).
export const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"];

/** Validates `auth` at construction and returns the strategy that applies it. */
export function createAuth(auth: Auth | undefined, context: AuthContext): AuthStrategy {
  if (auth === undefined) return NONE;
  if (typeof auth !== "object" || auth === null) {
    throw new OptionsError("auth", "Expected `auth` to be an object with a `type`.");
  }
  const { names } = context;
  switch (expectOneOf("auth.type", auth.type, AUTH_TYPES)) {
    case "none":
      return NONE;
    case "apiKey":
      return apiKeyAuth(auth as Extract<Auth, { type: "apiKey" }>, names);
    case "bearer": {
      const token = (auth as { token?: unknown }).token;
      const value = `Bearer ${expectCredential("auth.token", token, "header", names)}`;
      return headerAuth("authorization", value, [token as string]);
    }
    case "basic": {
      const { username, password } = auth as Extract<Auth, { type: "basic" }>;
      expectCredential("auth.username", username, "encoded", names);
      if (username.includes(":")) {
        throw new OptionsError(
          "auth.username",
          "The `auth.username` contains `:`, which HTTP Basic uses to end the user name (RFC 7617).",
          "INVALID_CREDENTIAL",
        );
      }
      if (typeof password !== "string") {
        throw new OptionsError("auth.password", "Expected `auth.password` to be a string.");
      }
      if (password !== "") expectCredential("auth.password", password, "encoded", names);
      const encoded = Buffer.from(`${username}:${password}`).toString("base64");
      return headerAuth("authorization", `Basic ${encoded}`, [password, encoded]);
    }
    case "oauth2ClientCredentials":
      return oauth2Auth(auth as Extract<Auth, { type: "oauth2ClientCredentials" }>, context);
  }
}

function headerAuth(header: string, value: string, secrets: string[]): AuthStrategy {
  return {
    secrets: secrets.filter((s) => s.length > 0),
    headers: [header],
    apply: (headers) => {
      headers[header] = value;
    },
  };
}

function apiKeyAuth(auth: Extract<Auth, { type: "apiKey" }>, names: SecretNames): AuthStrategy {
  const where = expectOneOf("auth.in", auth.in, ["header", "query", "cookie"] as const);
  const name =
    where === "query"
      ? expectNonEmptyString("auth.name", auth.name)
      : expectTokenName("auth.name", auth.name);
  const value = expectCredential("auth.value", auth.value, where, names);
  if (where === "header") return headerAuth(name.toLowerCase(), value, [value]);
  if (where === "query") {
    return {
      secrets: [value],
      headers: [],
      editsUrl: true,
      apply: (_headers, url) => url?.searchParams.set(name, value),
    };
  }
  const pair = `${name}=${value}`;
  return {
    secrets: [value],
    headers: ["cookie"],
    apply: (headers) => {
      headers.cookie = headers.cookie ? `${headers.cookie}; ${pair}` : pair;
    },
  };
}

function oauth2Auth(
  auth: Extract<Auth, { type: "oauth2ClientCredentials" }>,
  context: AuthContext,
): AuthStrategy {
  const tokenUrl = expectAbsoluteHttpUrl("auth.tokenUrl", auth.tokenUrl);
  expectCredential("auth.clientId", auth.clientId, "encoded", context.names);
  expectCredential("auth.clientSecret", auth.clientSecret, "encoded", context.names);
  if (auth.clientAuth !== undefined)
    expectOneOf("auth.clientAuth", auth.clientAuth, ["basic", "body"] as const);
  const source: TokenSource = createOAuth2TokenSource(auth, {
    fetch: context.tokenFetch(tokenUrl, [auth.clientSecret]),
    cache: auth.cache ?? context.tokenCache?.(auth),
  });
  let secrets: readonly string[] = [auth.clientSecret];
  return {
    // Live view: the current access token is a secret too (a new array only when it changes).
    get secrets() {
      const current = source.current;
      if (current && secrets[1] !== current) secrets = [auth.clientSecret, current];
      return secrets;
    },
    headers: ["authorization"],
    async apply(headers, _url, signal) {
      headers.authorization = `Bearer ${await source.token(signal)}`;
    },
    invalidate: () => source.invalidate(),
  };
}
