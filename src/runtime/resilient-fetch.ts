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
  readonly headers: Headers;
}

/** Set by the openapi-fetch middleware: `GET /items/{id}` names the operation in errors and logs. */
export const OPERATION = Symbol("capkit.operation");

interface Prepared {
  url: URL;
  method: string;
  headers: Headers;
  body: RequestInit["body"];
  redirect: RequestInit["redirect"];
  signal: AbortSignal | undefined;
  operation: string;
}

/**
 * fetch with auth, rate limiting, per-attempt timeout and retries. It keeps fetch's contract: a
 * non-2xx is a Response, not a throw (`unwrap` turns it into an IntegrationError); only network
 * failures, timeouts and cancellation throw, always as IntegrationError.
 */
export function createResilientFetch(config: FetchConfig): ResilientFetch {
  const { retry, limiter, auth, logger } = config;
  const origin = config.baseUrl.origin;

  return async function resilientFetch(input, init) {
    const req = await prepare(input, init, config);
    const { method, operation } = req;
    const started = performance.now();
    let refreshedAuth = false;
    // Planned waits count even when an injected sleep returns at once (tests).
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw abortedError(operation, req.signal);
      if (limiter) await limiter.acquire(req.signal).catch(rethrowAbort(operation, req.signal));
      const url = new URL(req.url);
      const headers = new Headers(req.headers);
      // Credentials go only to the API's own origin, never to a foreign next-page URL.
      if (url.origin === origin) {
        const pending = auth.apply(url, headers, req.signal);
        if (pending) await pending.catch(rethrowAbort(operation, req.signal));
      }
      const guard = attemptSignal(req.signal, config.timeoutMs);
      let response: Response;
      try {
        // Looked up per call: msw's setupServer patches globalThis.fetch after we are created.
        const fetchImpl = config.fetch ?? globalThis.fetch;
        response = await fetchImpl(url, {
          method,
          headers,
          body: req.body,
          signal: guard.signal,
          ...(req.redirect ? { redirect: req.redirect } : {}),
        });
      } catch (cause) {
        guard.done();
        if (req.signal?.aborted) throw abortedError(operation, req.signal);
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
            url: sanitizeUrl(url.href),
            attempt,
            delayMs: Math.round(delay),
            code: error.code,
          },
          "retrying after a failed request",
        );
        waited += delay;
        await retry.sleep(delay, req.signal).catch(rethrowAbort(operation, req.signal));
        continue;
      }
      guard.done();
      limiter?.observe(response.headers);
      if (response.ok) return response;

      if (response.status === 401 && !refreshedAuth && auth.invalidate?.()) {
        // One fresh-credential retry (an expired OAuth token); it does not use up a retry.
        refreshedAuth = true;
        attempt -= 1;
        await discard(response);
        logger?.info(
          { operation, method, url: sanitizeUrl(url.href) },
          "401: retrying once with fresh credentials",
        );
        continue;
      }
      if (shouldRetry(retry, { method, attempt, status: response.status })) {
        const delay = retryDelay(retry, attempt, response.headers);
        if (withinBudget(started, waited, delay, retry.maxElapsedMs)) {
          await discard(response);
          logger?.warn(
            {
              operation,
              method,
              url: sanitizeUrl(url.href),
              status: response.status,
              attempt,
              delayMs: Math.round(delay),
            },
            "retrying after a retryable status",
          );
          waited += delay;
          await retry.sleep(delay, req.signal).catch(rethrowAbort(operation, req.signal));
          continue;
        }
      }
      responseSecrets.set(response, auth.secrets);
      return response;
    }
  };
}

async function prepare(
  input: string | URL | Request,
  init: ResilientFetchInit | undefined,
  config: FetchConfig,
): Promise<Prepared> {
  if (input instanceof Request) {
    const headers = mergeHeaders(config.headers, input.headers);
    if (init?.headers) for (const [k, v] of new Headers(init.headers)) headers.set(k, v);
    // Buffered once so every retry can resend it; openapi-fetch bodies are small JSON strings.
    const body = input.body ? await input.arrayBuffer() : null;
    const tagged = input as Request & { [OPERATION]?: string; operation?: unknown };
    const operation =
      init?.operation ??
      tagged[OPERATION] ??
      (typeof tagged.operation === "string" ? tagged.operation : undefined);
    return {
      url: new URL(input.url),
      method: (init?.method ?? input.method).toUpperCase(),
      headers,
      body,
      redirect: init?.redirect ?? input.redirect,
      signal: signalOf(config.signal, init?.signal ?? input.signal),
      operation: operation ?? config.operation ?? `${input.method} ${new URL(input.url).pathname}`,
    };
  }
  const url = new URL(input, config.baseUrl);
  const method = (init?.method ?? "GET").toUpperCase();
  return {
    url,
    method,
    headers: init?.headers
      ? mergeHeaders(config.headers, new Headers(init.headers))
      : config.headers,
    body: init?.body ?? null,
    redirect: init?.redirect,
    signal: signalOf(config.signal, init?.signal ?? undefined),
    operation: init?.operation ?? config.operation ?? `${method} ${url.pathname}`,
  };
}

function signalOf(
  job: AbortSignal | undefined,
  call: AbortSignal | null | undefined,
): AbortSignal | undefined {
  if (!call) return job;
  if (!job) return call;
  return AbortSignal.any([job, call]);
}

function mergeHeaders(defaults: Headers, own: Headers): Headers {
  const headers = new Headers(defaults);
  for (const [k, v] of own) headers.set(k, v);
  return headers;
}

function withinBudget(started: number, waited: number, delay: number, budget: number): boolean {
  return Math.max(performance.now() - started, waited) + delay <= budget;
}

/** Free the connection of a response we will not read (keep-alive needs the body drained). */
async function discard(response: Response): Promise<void> {
  // Not awaited: some stream sources (msw's mocked responses among them) never settle cancel(),
  // and the retry must not wait on freeing a body nobody reads.
  response.body?.cancel().catch(() => {});
}

function rethrowAbort(operation: string, signal: AbortSignal | undefined) {
  return (error: unknown): never => {
    if (signal?.aborted) throw abortedError(operation, signal);
    throw error;
  };
}

function describeCause(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown } })?.cause;
  if (inner && typeof inner.code === "string") return inner.code;
  return cause instanceof Error ? cause.name : "unknown";
}
