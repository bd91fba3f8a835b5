import createClient, { type Client } from "openapi-fetch";
import { type Auth, createAuth } from "./auth.js";
import { ROUTE_KEY } from "./call.js";
import { expectCredential, secretNames } from "./credentials.js";
import { IntegrationError, OptionsError } from "./errors.js";
import { idempotentRoutes } from "./idempotent.js";
import type { Logger } from "./logger.js";
import { TOKEN_OPERATION } from "./oauth2.js";
import { createOriginPolicy } from "./origin.js";
import { splitPathKey, withKeyQuery } from "./path-key.js";
import {
  DEFAULT_RATE_LIMIT,
  isRateGate,
  type RateGate,
  type RateLimitOptions,
} from "./rate-limit.js";
import { createResilientFetch, type FetchConfig, type ResilientFetch } from "./resilient-fetch.js";
import { type RetryOptions, resolveRetryPolicy } from "./retry-policy.js";
import { secretValues } from "./secrets.js";
import { stateStore } from "./store/default.js";
import { credentialMaterial, digest } from "./store/keys.js";
import type { StateStore } from "./store/state-store.js";
import { expectAbsoluteHttpUrl, expectNonNegativeNumber } from "./validate.js";

export interface HttpOptions {
  /** The API root, e.g. `https://api.acme.com/v2`. Its origin is the only one given credentials. */
  baseUrl: string;
  auth?: Auth;
  /** Default: 3 retries, 500 ms base, 30 s cap on any wait, 120 s budget, idempotent methods. */
  retry?: RetryOptions | false;
  /**
   * Default `{ requestsPerSecond: 10 }`: one budget per vendor and credential, kept by `store`
   * (with Redis, shared by every worker); a `RateGate` of your own; `false` disables it.
   */
  rateLimit?: RateLimitOptions | RateGate | false;
  /**
   * Where the rate-limit budget and the OAuth2 token live. Default `stateStore()`: memory (this
   * client's own), or Redis when `CAPKIT_REDIS_URL` is set or `setStateStore` was called.
   */
  store?: StateStore;
  /** Per attempt, the whole exchange: headers and body. Default 30 s; 0 leaves only maxElapsedMs. */
  timeoutMs?: number;
  /** Cancels everything: in-flight requests, body reads, rate-limit waits and retry sleeps. */
  signal?: AbortSignal;
  logger?: Logger;
  /** Default operation name for errors and logs (else `METHOD /path/{template}`). */
  operation?: string;
  /** Replaces `globalThis.fetch` (which is otherwise looked up on every call). */
  fetch?: typeof fetch;
  /** Sent with every request (values are checked like credentials; none goes off-origin if secret). */
  headers?: Record<string, string>;
  /**
   * Origins other than the API's that requests (next-page URLs, redirects) may go to, always
   * without credentials. Unset: any origin, without credentials. `[]`: the API origin only.
   */
  allowedOrigins?: readonly string[];
  /**
   * Non-GET operations that are safe to repeat, as `"METHOD /spec/path/{template}"` exactly as the
   * spec writes the path, e.g. `["POST /api/v1/search"]`: retried like GETs.
   */
  idempotent?: readonly string[];
  /**
   * The job's secrets by key (`BaseCapability.http` passes `job.secret`): masked in every error
   * and log, never sent to another origin, and named by key when one is malformed.
   */
  secrets?: Readonly<Record<string, string>>;
}

export interface Http<Paths extends {}> {
  /** openapi-fetch client whose fetch is the resilient, authenticated one. */
  readonly api: Client<Paths>;
  /** The same fetch, for absolute next-page URLs; relative URLs resolve against `baseUrl`. */
  readonly fetch: ResilientFetch;
  /** The logger the client reports to, for helpers such as `paginate` (maxPages warnings). */
  readonly logger: Logger | undefined;
}

/** Validates the options once and builds the client; invalid options throw here, by name. */
export function createHttp<Paths extends {}>(options: HttpOptions): Http<Paths> {
  if (typeof options !== "object" || options === null) {
    throw new OptionsError("options", "Expected `options` to be an object with a `baseUrl`.");
  }
  const baseUrl = expectAbsoluteHttpUrl("baseUrl", options.baseUrl);
  const timeoutMs = expectNonNegativeNumber("timeoutMs", options.timeoutMs ?? 30_000);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new OptionsError("fetch", "Expected `fetch` to be a function.");
  }
  const names = secretNames(options.secrets);
  const headers = checkedHeaders(options.headers, names);
  const retry = resolveRetryPolicy(options.retry);
  const jobSecrets = Object.values(options.secrets ?? {});
  const shared = {
    retry,
    timeoutMs,
    signal: options.signal,
    logger: options.logger,
    fetch: options.fetch,
  };
  const store = options.store ?? stateStore();
  const auth = createAuth(options.auth, {
    names,
    tokenCache: (client) => store.tokenCache(client),
    // The token endpoint: same timeout and retries (a token request is safe to repeat), its own
    // origin only (redirects elsewhere are refused: the request carries the client secret).
    tokenFetch: (tokenUrl, clientSecrets) =>
      createResilientFetch({
        ...shared,
        retry: { ...retry, methods: new Set([...retry.methods, "POST"]) },
        baseUrl: tokenUrl,
        origins: createOriginPolicy(tokenUrl, []),
        auth: { secrets: [], headers: [], apply() {} },
        limiter: undefined,
        operation: TOKEN_OPERATION,
        headers: {},
        idempotent: idempotentRoutes(undefined, tokenUrl),
        secrets: memoSecrets(() => clientSecrets, jobSecrets),
      }),
  });
  const config: FetchConfig = {
    ...shared,
    baseUrl,
    origins: createOriginPolicy(baseUrl, options.allowedOrigins),
    auth,
    limiter: rateGate(options, store, baseUrl, retry.sleep),
    operation: options.operation,
    headers,
    idempotent: idempotentRoutes(options.idempotent, baseUrl),
    secrets: memoSecrets(() => auth.secrets, jobSecrets),
  };
  const fetch = createResilientFetch(config);
  const api = wrapClient(createClient<Paths>({ baseUrl: baseUrl.href, fetch }));
  return { api, fetch, logger: options.logger };
}

/** The values to mask, worked out again only when the strategy's list changes (a new token). */
function memoSecrets(
  current: () => readonly string[],
  fixed: readonly string[],
): () => readonly string[] {
  let seen: readonly string[] | undefined;
  let values: readonly string[] = [];
  return () => {
    const now = current();
    if (now !== seen) {
      seen = now;
      values = secretValues(now, fixed);
    }
    return values;
  };
}

function rateGate(
  options: HttpOptions,
  store: StateStore,
  baseUrl: URL,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
): RateGate | undefined {
  const option = options.rateLimit;
  if (option === false) return undefined;
  if (isRateGate(option)) return option;
  // One budget per vendor and credential (in memory: per client, as before), named by a digest.
  const credential = digest(baseUrl.origin, credentialMaterial(options.auth));
  return store.rateGate({ vendor: baseUrl.host, credential }, option ?? DEFAULT_RATE_LIMIT, sleep);
}

function checkedHeaders(
  headers: Record<string, string> | undefined,
  names: ReturnType<typeof secretNames>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    out[k.toLowerCase()] = expectCredential(`headers.${k}`, v, "header", names);
  }
  return out;
}

const CLIENT_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

/**
 * Each call of the client's methods carries its route (`GET /items/{id}`, see ROUTE_KEY): cheaper
 * than a middleware, which makes openapi-fetch build an id and a frozen options object per call.
 * And openapi-fetch parses a body without a content-length with `JSON.parse` itself, whose error
 * quotes the text around it on newer V8: such a failure becomes BAD_JSON here.
 */
function wrapClient<C extends object>(client: C): C {
  for (const method of CLIENT_METHODS) {
    const original = methodOf(client, method);
    if (!original) continue;
    Reflect.set(client, method, (key: string, init?: CallInit) => {
      const route = `${method} ${key}`;
      const { path, query } = splitPathKey(key);
      const call = { ...withKeyQuery(init, query), [ROUTE_KEY]: route };
      return named(original(path, call), route, init);
    });
  }
  const request = methodOf(client, "request");
  if (request) {
    Reflect.set(client, "request", (method: string, key: string, init?: CallInit) => {
      const route = `${method.toUpperCase()} ${key}`;
      const { path, query } = splitPathKey(key);
      const call = { ...withKeyQuery(init, query), [ROUTE_KEY]: route };
      return named(request(method, path, call), route, init);
    });
  }
  return client;
}

type CallInit = { operation?: unknown; params?: { query?: unknown } };

function methodOf(client: object, name: string): ((...args: unknown[]) => unknown) | undefined {
  const value: unknown = Reflect.get(client, name);
  return typeof value === "function" ? (...args) => Reflect.apply(value, client, args) : undefined;
}

/** `pending`, with a SyntaxError from openapi-fetch's own JSON.parse turned into BAD_JSON. */
function named(pending: unknown, route: string, init: CallInit | undefined): Promise<unknown> {
  return (pending as Promise<unknown>).catch((cause: unknown) => {
    if (!(cause instanceof SyntaxError)) throw cause;
    const operation = typeof init?.operation === "string" ? init.operation : route;
    throw new IntegrationError("BAD_JSON", `${operation} returned a body that is not JSON`, {
      operation,
      retryable: false,
    });
  });
}

/**
 * The data of an openapi-fetch result, or an IntegrationError for a non-2xx (retryable for
 * 408/429/5xx, i.e. when the runtime already gave up retrying).
 */
export function unwrap<T>(
  operation: string,
  result: { data?: T; error?: unknown; response: Response },
): T {
  if (!result.response.ok) {
    throw IntegrationError.fromResponse(operation, result.response, { body: result.error });
  }
  return result.data as T;
}

/**
 * The parsed JSON body of a 2xx `http.fetch` response (e.g. a next-page URL), or an
 * IntegrationError carrying a short, redacted snippet of the error body. A body read that fails
 * (timeout, job abort, connection lost) rejects with an IntegrationError named after `operation`.
 */
export async function readJson(operation: string, response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw renamed(cause, operation);
  }
  if (!response.ok) throw IntegrationError.fromResponse(operation, response, { body: text });
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    // The SyntaxError may quote the body (newer V8): it is not kept as the cause.
    throw new IntegrationError("BAD_JSON", `${operation} returned a body that is not JSON`, {
      operation,
      status: response.status,
      retryable: false,
    });
  }
}

/** The body-read error under the caller's operation name (`listHosts`, not `GET /hosts`). */
function renamed(cause: unknown, operation: string): IntegrationError {
  if (!(cause instanceof IntegrationError)) {
    return new IntegrationError("NETWORK", `${operation} failed while reading the body`, {
      operation,
      retryable: false,
    });
  }
  if (cause.operation === operation) return cause;
  return new IntegrationError(cause.code, cause.message.replace(cause.operation, operation), {
    operation,
    status: cause.status,
    retryable: cause.retryable,
    cause: cause.cause,
    retryAt: cause.retryAt,
  });
}
