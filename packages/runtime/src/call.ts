// One call to the resilient fetch, normalised once: where it goes, whether credentials may go
// with it, and what cancels it. Attempts copy `headers` and re-parse `href` only when needed.
import { IntegrationError } from "./errors.js";
import type { OriginPolicy } from "./origin.js";
import { sanitizeUrl } from "./sanitize.js";
import { maskSecrets } from "./secrets.js";

export type ResilientFetchInit = RequestInit & { operation?: string };

/**
 * An init key the client's methods add (openapi-fetch copies unknown init keys onto its Request):
 * `GET /items/{id}`, the spec's path template, names the operation in errors and logs (it reads
 * better than a filled-in path) and is matched against the `idempotent` option.
 */
export const ROUTE_KEY = "capkitRoute";

type Tagged = Request & { [ROUTE_KEY]?: unknown; operation?: unknown };

export interface Call {
  href: string;
  /** Scheme, host and port equal the API's: the only requests that carry credentials. */
  credentialed: boolean;
  method: string;
  headers: Record<string, string>;
  body: RequestInit["body"];
  redirect: RequestInit["redirect"];
  /** Job signal and/or the call's own signal. */
  parents: AbortSignal[];
  waitSignal: AbortSignal | undefined;
  /** Undefined until needed; see operationOf. */
  operation: string | undefined;
  route: string | undefined;
  /** The values to mask in a name made from the URL (a token in the path, as some APIs want). */
  secrets: () => readonly string[];
}

export interface CallDefaults {
  readonly baseUrl: URL;
  readonly origins: OriginPolicy;
  readonly signal: AbortSignal | undefined;
  readonly operation: string | undefined;
  /** Default headers, keys lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** Every value to keep out of errors, logs and off-origin requests (live: OAuth tokens change). */
  secrets(): readonly string[];
}

export function prepare(
  input: string | URL | Request,
  init: ResilientFetchInit | undefined,
  defaults: CallDefaults,
): Call | Promise<Call> {
  if (input instanceof Request) return prepareRequest(input, init, defaults);
  const parents: AbortSignal[] = defaults.signal ? [defaults.signal] : [];
  if (init?.signal) parents.push(init.signal);
  const method = init?.method ? init.method.toUpperCase() : "GET";
  let headers = defaults.headers as Record<string, string>;
  if (init?.headers) {
    headers = { ...headers };
    for (const [k, v] of new Headers(init.headers)) headers[k] = v;
  }
  const operation = init?.operation ?? defaults.operation;
  const { href, credentialed } = resolve(input, defaults, method, operation);
  return {
    href,
    credentialed,
    method,
    headers,
    body: init?.body ?? null,
    redirect: init?.redirect,
    parents,
    waitSignal: undefined,
    operation,
    route: undefined,
    secrets: defaults.secrets,
  };
}

async function prepareRequest(
  input: Request,
  init: ResilientFetchInit | undefined,
  defaults: CallDefaults,
): Promise<Call> {
  const parents: AbortSignal[] = defaults.signal ? [defaults.signal] : [];
  const own = init?.signal ?? input.signal;
  if (own) parents.push(own);
  const headers = { ...defaults.headers };
  for (const [k, v] of input.headers) headers[k] = v;
  if (init?.headers) for (const [k, v] of new Headers(init.headers)) headers[k] = v;
  // Buffered once so every retry can resend it; openapi-fetch bodies are small JSON strings.
  const body = input.body ? await input.arrayBuffer() : null;
  const tagged = input as Tagged;
  const named = typeof tagged.operation === "string" ? tagged.operation : undefined;
  const method = (init?.method ?? input.method).toUpperCase();
  const route = typeof tagged[ROUTE_KEY] === "string" ? tagged[ROUTE_KEY] : undefined;
  const explicit = init?.operation ?? named ?? route ?? defaults.operation;
  const { href, credentialed } = resolve(input.url, defaults, method, explicit);
  return {
    href,
    credentialed,
    method,
    headers,
    body,
    redirect: init?.redirect ?? input.redirect,
    parents,
    waitSignal: undefined,
    operation: explicit ?? maskSecrets(`${method} ${pathOf(href)}`, defaults.secrets()),
    route,
    secrets: defaults.secrets,
  };
}

/**
 * Resolves against the API origin (the common shapes, `/path` and a same-origin absolute URL, skip
 * parsing) and applies the origin policy to anything else.
 */
function resolve(
  input: string | URL,
  defaults: CallDefaults,
  method: string,
  operation: string | undefined,
): { href: string; credentialed: boolean } {
  const origin = defaults.origins.api;
  if (typeof input === "string") {
    if (input.startsWith("/") && !input.startsWith("//"))
      return { href: origin + input, credentialed: true };
    if (input.startsWith(`${origin}/`)) return { href: input, credentialed: true };
  }
  let url: URL;
  try {
    url = new URL(input, defaults.baseUrl);
  } catch {
    // URL's own error quotes the input, which may hold a key: say what it is, not what it says.
    const name = operation ?? method;
    throw new IntegrationError("INVALID_REQUEST", `${name}: the request URL is not a valid URL`, {
      operation: name,
      retryable: false,
    });
  }
  const name = operation ?? maskSecrets(`${method} ${url.pathname}`, defaults.secrets());
  const refused = defaults.origins.refuse(url, name, undefined, defaults.secrets());
  if (refused) throw refused;
  return { href: url.href, credentialed: url.origin === origin };
}

/** Named lazily: deriving `METHOD /path` parses the URL, which only errors and logs need. */
export function operationOf(call: Call): string {
  call.operation ??= maskSecrets(`${call.method} ${pathOf(call.href)}`, call.secrets());
  return call.operation;
}

export function abortedParent(call: Call): AbortSignal | undefined {
  for (const signal of call.parents) if (signal.aborted) return signal;
  return undefined;
}

/** One signal for retry sleeps, rate-limit and token waits; rare enough to combine lazily. */
export function waitSignal(call: Call): AbortSignal | undefined {
  if (call.parents.length <= 1) return call.parents[0];
  call.waitSignal ??= AbortSignal.any(call.parents);
  return call.waitSignal;
}

function pathOf(href: string): string {
  try {
    return new URL(href).pathname;
  } catch {
    return sanitizeUrl(href);
  }
}
