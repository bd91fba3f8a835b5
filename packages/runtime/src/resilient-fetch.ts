import { abortedError } from "./abort.js";
import { attemptSignal } from "./attempt-signal.js";
import type { AuthStrategy } from "./auth.js";
import { IntegrationError, responseSecrets } from "./errors.js";
import type { Logger } from "./logger.js";
import type { RateLimiter } from "./rate-limit.js";
import { type RetryPolicy, retryDelay, shouldRetry } from "./retry-policy.js";
import { sanitizeUrl } from "./sanitize.js";

export type ResilientFetchInit = RequestInit & { operation?: string };
export type ResilientFetch = (
  input: string | URL | Request,
  init?: ResilientFetchInit,
) => Promise<Response>;

export interface FetchConfig {
  readonly baseUrl: URL;
  readonly auth: AuthStrategy;
  readonly retry: RetryPolicy;
  readonly limiter: RateLimiter | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly logger: Logger | undefined;
  readonly operation: string | undefined;
  readonly fetch: typeof fetch | undefined;
  /** Default headers, keys lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Set by the openapi-fetch middleware: `GET /items/{id}` names the operation in errors and logs. */
export const OPERATION = Symbol("capkit.operation");

/** One call, normalised once; attempts copy `headers` and re-parse `href` only when needed. */
interface Call {
  href: string;
  sameOrigin: boolean;
  method: string;
  headers: Record<string, string>;
  body: RequestInit["body"];
  redirect: RequestInit["redirect"];
  /** Job signal and/or the call's own signal. */
  parents: AbortSignal[];
  waitSignal: AbortSignal | undefined;
  /** Undefined until needed; see operationOf. */
  operation: string | undefined;
}

/**
 * fetch with auth, rate limiting, per-attempt timeout and retries. It keeps fetch's contract: a
 * non-2xx is a Response, not a throw (`unwrap` turns it into an IntegrationError); only network
 * failures, timeouts and cancellation throw, always as IntegrationError.
 */
export function createResilientFetch(config: FetchConfig): ResilientFetch {
  const { retry, limiter, auth, logger } = config;

  return async function resilientFetch(input, init) {
    // Only a Request needs an await (its body is buffered); plain URLs stay synchronous.
    const prepared = prepare(input, init, config);
    const call = prepared instanceof Promise ? await prepared : prepared;
    const { method, parents } = call;
    const onAbort = (error: unknown): never => {
      const signal = abortedParent(call);
      throw signal ? abortedError(operationOf(call), signal) : error;
    };
    const started = performance.now();
    let refreshedAuth = false;
    // Planned waits count even when an injected sleep returns at once (tests).
    let waited = 0;

    for (let attempt = 1; ; attempt++) {
      const cancelled = abortedParent(call);
      if (cancelled) throw abortedError(operationOf(call), cancelled);
      if (limiter) await limiter.acquire(waitSignal(call)).catch(onAbort);
      const headers = { ...call.headers };
      let href = call.href;
      // Credentials go only to the API's own origin, never to a foreign next-page URL.
      if (call.sameOrigin) {
        const url = auth.editsUrl ? new URL(href) : undefined;
        const pending = auth.apply(headers, url, waitSignal(call));
        if (pending) await pending.catch(onAbort);
        if (url) href = url.href;
      }
      const guard = attemptSignal(parents, config.timeoutMs);
      let response: Response;
      try {
        // Looked up per call: msw's setupServer patches globalThis.fetch after we are created.
        const fetchImpl = config.fetch ?? globalThis.fetch;
        response = await fetchImpl(href, {
          method,
          headers,
          body: call.body,
          signal: guard.signal,
          ...(call.redirect ? { redirect: call.redirect } : {}),
        });
      } catch (cause) {
        guard.done();
        const aborted = abortedParent(call);
        if (aborted) throw abortedError(operationOf(call), aborted);
        const operation = operationOf(call);
        const timedOut = guard.timedOut();
        const error = new IntegrationError(
          timedOut ? "TIMEOUT" : "NETWORK",
          timedOut
            ? `${operation} timed out after ${config.timeoutMs} ms`
            : `${operation} failed: network error (${describeCause(cause)})`,
          { operation, retryable: true, cause },
        );
        const delay = shouldRetry(retry, { method, attempt })
          ? retryDelay(retry, attempt)
          : undefined;
        if (delay === undefined || !withinBudget(started, waited, delay, retry.maxElapsedMs))
          throw error;
        logger?.warn(
          {
            operation,
            method,
            url: sanitizeUrl(href),
            attempt,
            delayMs: Math.round(delay),
            code: error.code,
          },
          "retrying after a failed request",
        );
        waited += delay;
        await retry.sleep(delay, waitSignal(call)).catch(onAbort);
        continue;
      }
      guard.done();
      limiter?.observe(response.headers);
      if (response.ok) return response;

      if (response.status === 401 && !refreshedAuth && auth.invalidate?.()) {
        // One fresh-credential retry (an expired OAuth token); it does not use up a retry.
        refreshedAuth = true;
        attempt -= 1;
        discard(response);
        logger?.info(
          { operation: operationOf(call), method, url: sanitizeUrl(href) },
          "401: retrying once with fresh credentials",
        );
        continue;
      }
      if (shouldRetry(retry, { method, attempt, status: response.status })) {
        const delay = retryDelay(retry, attempt, response.headers);
        if (withinBudget(started, waited, delay, retry.maxElapsedMs)) {
          discard(response);
          const status = response.status;
          logger?.warn(
            {
              operation: operationOf(call),
              method,
              url: sanitizeUrl(href),
              status,
              attempt,
              delayMs: Math.round(delay),
            },
            "retrying after a retryable status",
          );
          waited += delay;
          await retry.sleep(delay, waitSignal(call)).catch(onAbort);
          continue;
        }
      }
      responseSecrets.set(response, auth.secrets);
      return response;
    }
  };
}

/** Named lazily: deriving `METHOD /path` parses the URL, which only errors and logs need. */
function operationOf(call: Call): string {
  call.operation ??= `${call.method} ${pathOf(call.href)}`;
  return call.operation;
}

function abortedParent(call: Call): AbortSignal | undefined {
  for (const signal of call.parents) if (signal.aborted) return signal;
  return undefined;
}

/** One signal for retry sleeps and rate-limit waits; rare enough to combine lazily. */
function waitSignal(call: Call): AbortSignal | undefined {
  if (call.parents.length <= 1) return call.parents[0];
  call.waitSignal ??= AbortSignal.any(call.parents);
  return call.waitSignal;
}

function prepare(
  input: string | URL | Request,
  init: ResilientFetchInit | undefined,
  config: FetchConfig,
): Call | Promise<Call> {
  if (input instanceof Request) return prepareRequest(input, init, config);
  const parents: AbortSignal[] = config.signal ? [config.signal] : [];
  if (init?.signal) parents.push(init.signal);
  const method = init?.method ? init.method.toUpperCase() : "GET";
  const { href, sameOrigin } = resolve(input, config.baseUrl);
  let headers = config.headers as Record<string, string>;
  if (init?.headers) {
    headers = { ...headers };
    for (const [k, v] of new Headers(init.headers)) headers[k] = v;
  }
  const operation = init?.operation ?? config.operation;
  const body = init?.body ?? null;
  return {
    href,
    sameOrigin,
    method,
    headers,
    body,
    redirect: init?.redirect,
    parents,
    waitSignal: undefined,
    operation,
  };
}

async function prepareRequest(
  input: Request,
  init: ResilientFetchInit | undefined,
  config: FetchConfig,
): Promise<Call> {
  const parents: AbortSignal[] = config.signal ? [config.signal] : [];
  const own = init?.signal ?? input.signal;
  if (own) parents.push(own);
  const headers = { ...config.headers };
  for (const [k, v] of input.headers) headers[k] = v;
  if (init?.headers) for (const [k, v] of new Headers(init.headers)) headers[k] = v;
  // Buffered once so every retry can resend it; openapi-fetch bodies are small JSON strings.
  const body = input.body ? await input.arrayBuffer() : null;
  const tagged = input as Request & { [OPERATION]?: string; operation?: unknown };
  const named = typeof tagged.operation === "string" ? tagged.operation : undefined;
  const method = (init?.method ?? input.method).toUpperCase();
  const { href, sameOrigin } = resolve(input.url, config.baseUrl);
  const operation =
    init?.operation ??
    tagged[OPERATION] ??
    named ??
    config.operation ??
    `${method} ${pathOf(href)}`;
  const redirect = init?.redirect ?? input.redirect;
  return {
    href,
    sameOrigin,
    method,
    headers,
    body,
    redirect,
    parents,
    waitSignal: undefined,
    operation,
  };
}

/** Resolve against the base URL; the common shapes (`/path`, same-origin absolute) skip parsing. */
function resolve(input: string | URL, base: URL): { href: string; sameOrigin: boolean } {
  const origin = base.origin;
  if (typeof input === "string") {
    if (input.startsWith("/") && !input.startsWith("//"))
      return { href: origin + input, sameOrigin: true };
    if (input.startsWith(`${origin}/`)) return { href: input, sameOrigin: true };
  }
  const url = new URL(input, base);
  return { href: url.href, sameOrigin: url.origin === origin };
}

function pathOf(href: string): string {
  try {
    return new URL(href).pathname;
  } catch {
    return sanitizeUrl(href);
  }
}

function withinBudget(started: number, waited: number, delay: number, budget: number): boolean {
  return Math.max(performance.now() - started, waited) + delay <= budget;
}

/**
 * Free the connection of a response we will not read (keep-alive needs the body released).
 * Not awaited: with msw's mocked responses `cancel()` never settles, and nothing depends on it.
 */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {
    // Already closed or errored: nothing left to free.
  });
}

function describeCause(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown } })?.cause;
  if (inner && typeof inner.code === "string") return inner.code;
  return cause instanceof Error ? cause.name : "unknown";
}
