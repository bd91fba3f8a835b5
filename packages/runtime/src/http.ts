import createClient, { type Client, type Middleware } from "openapi-fetch";
import { type Auth, createAuth } from "./auth.js";
import { IntegrationError, OptionsError } from "./errors.js";
import type { Logger } from "./logger.js";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { createResilientFetch, OPERATION, type ResilientFetch } from "./resilient-fetch.js";
import { type RetryOptions, resolveRetryPolicy } from "./retry-policy.js";
import { expectAbsoluteHttpUrl, expectNonNegativeNumber } from "./validate.js";

export interface HttpOptions {
  /** The API root, e.g. `https://api.acme.com/v2`. */
  baseUrl: string;
  auth?: Auth;
  /** Default: 3 retries, 500 ms base, 30 s cap, 120 s budget, idempotent methods. */
  retry?: RetryOptions | false;
  /** Default `{ requestsPerSecond: 10 }`; `false` disables it. */
  rateLimit?: RateLimitOptions | false;
  /** Per attempt, until the response headers arrive. Default 30 s; 0 disables it. */
  timeoutMs?: number;
  /** Cancels everything: in-flight requests, rate-limit waits and retry sleeps. */
  signal?: AbortSignal;
  logger?: Logger;
  /** Default operation name for errors and logs (else `METHOD /path/{template}`). */
  operation?: string;
  /** Replaces `globalThis.fetch` (which is otherwise looked up on every call). */
  fetch?: typeof fetch;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

export interface Http<Paths extends {}> {
  /** openapi-fetch client whose fetch is the resilient, authenticated one. */
  readonly api: Client<Paths>;
  /** The same fetch, for absolute next-page URLs; relative URLs resolve against `baseUrl`. */
  readonly fetch: ResilientFetch;
  /** The logger the client reports to, for helpers such as `paginate` (maxPages warnings). */
  readonly logger: Logger | undefined;
}

// Names the operation after the spec's path template, which reads better than a filled-in path.
const operationMiddleware: Middleware = {
  onRequest({ request, schemaPath }) {
    const tagged = request as Request & { [OPERATION]?: string };
    tagged[OPERATION] ??= `${request.method} ${schemaPath}`;
    return undefined;
  },
};

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
  const retry = resolveRetryPolicy(options.retry);
  const limiter =
    options.rateLimit === false
      ? undefined
      : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const customFetch = options.fetch;
  const fetchNow = () => customFetch ?? globalThis.fetch;
  const fetch = createResilientFetch({
    baseUrl,
    auth: createAuth(options.auth, fetchNow),
    retry,
    limiter,
    timeoutMs,
    signal: options.signal,
    logger: options.logger,
    operation: options.operation,
    fetch: customFetch,
    headers: lowerCaseKeys(options.headers),
  });
  const api = createClient<Paths>({ baseUrl: baseUrl.href, fetch });
  api.use(operationMiddleware);
  return { api, fetch, logger: options.logger };
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

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/**
 * The parsed JSON body of a 2xx `http.fetch` response (e.g. a next-page URL), or an
 * IntegrationError carrying a short, redacted snippet of the error body.
 */
export async function readJson(operation: string, response: Response): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw IntegrationError.fromResponse(operation, response, { body: text });
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch (cause) {
    throw new IntegrationError("BAD_JSON", `${operation} returned a body that is not JSON`, {
      operation,
      status: response.status,
      retryable: false,
      cause,
    });
  }
}
