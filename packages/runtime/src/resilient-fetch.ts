import { abortedError } from "./abort.js";
import { type AttemptSignal, attemptSignal } from "./attempt-signal.js";
import { type AuthStrategy, CREDENTIAL_HEADERS } from "./auth.js";
import { guardBody } from "./body-guard.js";
import {
  abortedParent,
  type Call,
  type CallDefaults,
  operationOf,
  prepare,
  type ResilientFetchInit,
  waitSignal,
} from "./call.js";
import { IntegrationError, responseSecrets } from "./errors.js";
import { type AttemptLimit, attemptFailure } from "./failure.js";
import type { IdempotentRoutes } from "./idempotent.js";
import type { Logger } from "./logger.js";
import type { RateGate } from "./rate-limit.js";
import { type Hop, isRedirect, nextHop } from "./redirect.js";
import { type RetryPolicy, shouldRetry } from "./retry-policy.js";
import { sanitizeUrl } from "./sanitize.js";
import { isRateLimited } from "./server-wait.js";
import { Budget, planRetryWait, rateLimitedError, type WaitPlan, WaitRefused } from "./waits.js";

export type { ResilientFetchInit } from "./call.js";

export type ResilientFetch = (
  input: string | URL | Request,
  init?: ResilientFetchInit,
) => Promise<Response>;

export interface FetchConfig extends CallDefaults {
  readonly auth: AuthStrategy;
  readonly retry: RetryPolicy;
  readonly limiter: RateGate | undefined;
  /** Per attempt, the whole exchange (headers and body). 0: bounded by maxElapsedMs only. */
  readonly timeoutMs: number;
  readonly logger: Logger | undefined;
  readonly fetch: typeof fetch | undefined;
  readonly idempotent: IdempotentRoutes;
  /** Every value to keep out of errors, logs and off-origin requests (live: OAuth tokens change). */
  secrets(): readonly string[];
}

/**
 * fetch with auth, rate limiting, a deadline on each attempt (body included), redirects followed
 * by the runtime, and retries. It keeps fetch's contract: a non-2xx is a Response, not a throw
 * (`unwrap` / `readJson` turn it into an IntegrationError); only network failures, timeouts,
 * refusals and cancellation throw, always as IntegrationError.
 */
export function createResilientFetch(config: FetchConfig): ResilientFetch {
  const { retry, limiter, auth, logger } = config;

  return async function resilientFetch(input, init) {
    // Only a Request needs an await (its body is buffered); plain URLs stay synchronous.
    const prepared = prepareCall(input, init, config);
    const call = prepared instanceof Promise ? await prepared : prepared;
    const { method } = call;
    const idempotent =
      retry.methods.has(method) || config.idempotent.matches(method, call.route, call.href);
    const budget = new Budget(retry.maxElapsedMs);
    let refreshedAuth = false;

    for (let attempt = 1; ; attempt++) {
      const cancelled = abortedParent(call);
      if (cancelled) throw abortedError(operationOf(call), cancelled, config.secrets());
      // Credentials first: a caller that waits for a token holds no turn of the rate budget (the
      // turns of every such caller would otherwise go out together when the token arrives).
      let first = credentials(call, hopOf(call), config);
      if (first instanceof Promise) first = await first.catch((e) => rethrow(call, e));
      if (limiter) await acquire(limiter, call, budget, config).catch((e) => rethrow(call, e));
      const limit = attemptLimit(config.timeoutMs, budget.leftMs());
      const guard = attemptSignal(call.parents, limit.ms);
      const context: AttemptContext = { call, guard, limit, idempotent, config };
      let response: Response;
      try {
        response = await send(call, first, guard.signal, config);
      } catch (cause) {
        guard.done();
        if (cause instanceof IntegrationError) throw cause;
        const error = failure(cause, context);
        if (error.code !== "NETWORK" && error.code !== "TIMEOUT") throw error;
        if (!shouldRetry(retry, { method, idempotent, attempt })) throw error;
        const plan = planRetryWait(retry, attempt, undefined, budget.leftMs());
        if (!plan.wait) throw error;
        await waitToRetry(plan, { attempt, code: error.code }, call, budget, config);
        continue;
      }
      limiter?.observe(response.headers);
      if (response.ok) return guardBody(response, guard, bodyFailure, context);

      if (response.status === 401 && !refreshedAuth && auth.invalidate?.()) {
        // One fresh-credential retry (an expired OAuth token); it does not use up a retry.
        refreshedAuth = true;
        attempt -= 1;
        guard.done();
        discard(response);
        logger?.info(
          { operation: operationOf(call), method, url: sanitizeUrl(call.href) },
          "401: retrying once with fresh credentials",
        );
        continue;
      }
      const status = isRateLimited(response.status, response.headers) ? 429 : response.status;
      if (shouldRetry(retry, { method, idempotent, attempt, status })) {
        const plan = planRetryWait(retry, attempt, response.headers, budget.leftMs());
        if (plan.wait) {
          guard.done();
          discard(response);
          await waitToRetry(plan, { attempt, status: response.status }, call, budget, config);
          continue;
        }
        if (plan.advised) {
          logger?.warn(
            {
              operation: operationOf(call),
              status: response.status,
              waitMs: Math.round(plan.ms),
              reason: plan.reason,
            },
            "not waiting: the server asked for longer than maxDelayMs or the time left",
          );
        }
      }
      responseSecrets.set(response, config.secrets());
      return guardBody(response, guard, bodyFailure, context);
    }
  };
}

/** What names a failure of one attempt (before its response, or while reading its body). */
interface AttemptContext {
  call: Call;
  guard: AttemptSignal;
  limit: AttemptLimit;
  idempotent: boolean;
  config: FetchConfig;
}

/** A cancelled wait is ABORTED; any other error goes on as it is. */
function rethrow(call: Call, error: unknown): never {
  const signal = abortedParent(call);
  throw signal ? abortedError(operationOf(call), signal, call.secrets()) : error;
}

async function waitToRetry(
  plan: WaitPlan,
  fields: Record<string, unknown>,
  call: Call,
  budget: Budget,
  config: FetchConfig,
): Promise<void> {
  config.logger?.warn(
    {
      operation: operationOf(call),
      method: call.method,
      url: sanitizeUrl(call.href),
      ...fields,
      waitMs: Math.round(plan.ms),
      reason: plan.reason,
    },
    `retrying after ${plan.reason}`,
  );
  budget.spend(plan.ms);
  await config.retry.sleep(plan.ms, waitSignal(call)).catch((e) => rethrow(call, e));
}

function prepareCall(
  input: string | URL | Request,
  init: ResilientFetchInit | undefined,
  config: FetchConfig,
): Call | Promise<Call> {
  try {
    return prepare(input, init, config);
  } catch (cause) {
    if (cause instanceof IntegrationError) throw cause;
    // `new Headers(...)` quotes a value it refuses; that value may be a credential.
    const operation = init?.operation ?? config.operation ?? "request";
    throw attemptFailure(cause, {
      operation,
      idempotent: false,
      limit: { ms: 0, by: "timeoutMs" },
      secrets: config.secrets(),
      aborted: undefined,
      timedOut: false,
    });
  }
}

function failure(
  cause: unknown,
  context: AttemptContext,
  phase: "request" | "body" = "request",
): IntegrationError {
  const { call, guard, limit, idempotent, config } = context;
  return attemptFailure(
    cause,
    {
      operation: operationOf(call),
      idempotent,
      limit,
      secrets: config.secrets(),
      aborted: abortedParent(call),
      timedOut: guard.timedOut(),
    },
    phase,
  );
}

function bodyFailure(cause: unknown, context: AttemptContext): IntegrationError {
  return failure(cause, context, "body");
}

/** The tighter of the per-request timeout and what is left of the call's budget. */
function attemptLimit(timeoutMs: number, budgetLeftMs: number): AttemptLimit {
  const left = Math.max(1, budgetLeftMs);
  if (timeoutMs > 0 && timeoutMs <= left) return { ms: timeoutMs, by: "timeoutMs" };
  return { ms: left, by: "maxElapsedMs" };
}

/** Waits for the rate gate; a server-advised pause past the cap fails at once (RATE_LIMITED). */
async function acquire(gate: RateGate, call: Call, budget: Budget, config: FetchConfig) {
  const cap = Math.min(config.retry.maxDelayMs, budget.leftMs());
  try {
    await gate.acquire({
      signal: waitSignal(call),
      maxWaitMs: cap,
      onWait: (ms, reason) => {
        budget.spend(ms);
        const fields = { operation: operationOf(call), waitMs: Math.round(ms), reason };
        // The bucket's own pacing is routine; a pause the server asked for is worth a line.
        if (reason === "rate limit") config.logger?.debug(fields, "waiting for the rate limit");
        else config.logger?.info(fields, `waiting: ${reason}`);
      },
    });
  } catch (error) {
    if (error instanceof WaitRefused) {
      throw rateLimitedError(operationOf(call), error.ms, error.reason, cap);
    }
    throw error;
  }
}

function hopOf(call: Call): Hop {
  return { href: call.href, method: call.method, body: call.body, credentialed: call.credentialed };
}

/**
 * The headers (and URL, for a query key) of one hop: credentials only on the API origin. Stays
 * synchronous unless the strategy has to wait (an OAuth2 token fetch).
 */
function credentials(call: Call, hop: Hop, config: FetchConfig): Prepared | Promise<Prepared> {
  const { auth } = config;
  if (!hop.credentialed) return { hop, headers: bare(call.headers, auth, config.secrets()) };
  const headers = { ...call.headers };
  const url = auth.editsUrl ? new URL(hop.href) : undefined;
  const pending = auth.apply(headers, url, waitSignal(call));
  if (pending) return pending.then(() => withUrl(hop, url, headers));
  return withUrl(hop, url, headers);
}

function withUrl(hop: Hop, url: URL | undefined, headers: Record<string, string>): Prepared {
  return { hop: url ? { ...hop, href: url.href } : hop, headers };
}

type Prepared = { hop: Hop; headers: Record<string, string> };

/** Headers for another origin: no credential header, nothing holding a secret value. */
function bare(
  headers: Readonly<Record<string, string>>,
  auth: AuthStrategy,
  secrets: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (CREDENTIAL_HEADERS.includes(name) || auth.headers.includes(name)) continue;
    if (secrets.some((secret) => value.includes(secret))) continue;
    out[name] = value;
  }
  return out;
}

/** One attempt: the request, and any redirects after it (see `follow`). */
async function send(
  call: Call,
  first: Prepared,
  signal: AbortSignal,
  config: FetchConfig,
): Promise<Response> {
  // Looked up per call: msw's setupServer patches globalThis.fetch after we are created.
  const fetchImpl = config.fetch ?? globalThis.fetch;
  const { hop, headers } = first;
  const init = { method: hop.method, headers, body: hop.body, signal, redirect: "manual" as const };
  const response = await fetchImpl(hop.href, init);
  if (!isRedirect(response.status) || call.redirect === "manual") return response;
  return follow(call, first, response, signal, fetchImpl, config);
}

/** Up to MAX_REDIRECTS redirects, each hop checked against the origin policy. */
async function follow(
  call: Call,
  first: Prepared,
  redirected: Response,
  signal: AbortSignal,
  fetchImpl: typeof fetch,
  config: FetchConfig,
): Promise<Response> {
  let { hop, headers } = first;
  let response = redirected;
  for (let count = 0; isRedirect(response.status); count++) {
    const location = response.headers.get("location");
    if (location === null) return response;
    discard(response);
    const operation = operationOf(call);
    if (call.redirect === "error") {
      throw new IntegrationError(
        "REDIRECT_REFUSED",
        `${operation}: redirected, and redirect is "error"`,
        { operation, retryable: false },
      );
    }
    const next = nextHop(hop, response.status, location, {
      count,
      origins: config.origins,
      operation,
      secrets: config.secrets(),
    });
    if (next instanceof IntegrationError) throw next;
    const dropsBody = next.body == null && hop.body != null;
    let prepared = credentials(call, next, config);
    if (prepared instanceof Promise) prepared = await prepared;
    ({ hop, headers } = prepared);
    if (dropsBody) {
      delete headers["content-type"];
      delete headers["content-length"];
    }
    response = await fetchImpl(hop.href, {
      method: hop.method,
      headers,
      body: hop.body,
      signal,
      redirect: "manual",
    });
  }
  return response;
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
