import { sanitizeUrl } from "./sanitize.js";
import { maskSecrets, REDACTED, scrubText, secretValues } from "./secrets.js";
import { advisedWait, isRateLimited } from "./server-wait.js";

/** Base of every error the runtime throws on purpose; `code` is stable and machine-readable. */
export class RuntimeError extends Error {
  override readonly name: string = "RuntimeError";
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/**
 * Bad options passed to a runtime factory: thrown at construction, naming the option (never its
 * value). A configuration error, so never retryable. `INVALID_CREDENTIAL` marks a credential.
 */
export class OptionsError extends RuntimeError {
  override readonly name = "OptionsError";
  readonly option: string;
  readonly retryable = false;

  constructor(option: string, message: string, code = "INVALID_OPTION") {
    super(code, message);
    this.option = option;
  }
}

/** Thrown by generated transforms until the engineer writes the mapping (the RED TDD tests). */
export class NotImplementedError extends Error {
  override readonly name = "NotImplementedError";
}

export interface IntegrationErrorOptions {
  operation: string;
  status?: number | undefined;
  retryable: boolean;
  cause?: unknown;
  /** Short, redacted excerpt of the response body; never the whole body. */
  snippet?: string | undefined;
  requestId?: string | undefined;
  /** When the API said it accepts calls again (Retry-After or a rate-limit reset). */
  retryAt?: Date | undefined;
}

/** A vendor call that failed. Carries no secret and never a whole response body. */
export class IntegrationError extends RuntimeError {
  override readonly name = "IntegrationError";
  readonly operation: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly snippet: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAt: Date | undefined;

  constructor(code: string, message: string, options: IntegrationErrorOptions) {
    super(code, message, { cause: options.cause });
    this.operation = options.operation;
    this.status = options.status;
    this.retryable = options.retryable;
    this.snippet = options.snippet;
    this.requestId = options.requestId;
    this.retryAt = options.retryAt;
  }

  /**
   * The one factory for HTTP failures. `body` is the already-read error body (text or parsed JSON);
   * it is cut to a short snippet, and credential-looking values are masked.
   */
  static fromResponse(
    operation: string,
    response: Response,
    options: { body?: unknown; cause?: unknown; secrets?: readonly string[] } = {},
  ): IntegrationError {
    const status = response.status;
    const secrets = [...(options.secrets ?? []), ...(responseSecrets.get(response) ?? [])];
    const snippet = options.body === undefined ? undefined : redactSnippet(options.body, secrets);
    const where = response.url ? ` (${sanitizeUrl(response.url)})` : "";
    const text = response.statusText ? ` ${response.statusText}` : "";
    const limited = isRateLimited(status, response.headers);
    const retryable = limited || isRetryableStatus(status);
    const retryAt = retryable ? retryAtOf(response.headers) : undefined;
    const when = retryAt ? `; the API accepts calls again at ${describeRetryAt(retryAt)}` : "";
    const tail = snippet ? `: ${snippet}` : "";
    return new IntegrationError(
      limited ? "RATE_LIMITED" : codeForStatus(status),
      scrubText(
        `${operation} failed with HTTP ${status}${text}${where}${when}${tail}`,
        secretValues(secrets),
      ),
      {
        operation,
        status,
        retryable,
        cause: options.cause,
        snippet,
        requestId: requestIdOf(response.headers),
        retryAt,
      },
    );
  }
}

/** `2026-03-01T12:00:00.000Z (in 86400 s)`: the moment, and how far away it is. */
export function describeRetryAt(at: Date, now = Date.now()): string {
  return `${at.toISOString()} (in ${Math.max(0, Math.ceil((at.getTime() - now) / 1000))} s)`;
}

function retryAtOf(headers: Headers): Date | undefined {
  const now = Date.now();
  const wait = advisedWait(headers, now);
  return wait && wait.ms > 0 ? new Date(now + wait.ms) : undefined;
}

/**
 * Secrets the HTTP layer used for a response (auth values), so `fromResponse` can mask an API that
 * echoes the credential back in its error body. Weak: responses are collected as usual.
 */
export const responseSecrets = new WeakMap<Response, readonly string[]>();

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

function codeForStatus(status: number): string {
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 408) return "REQUEST_TIMEOUT";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "SERVER_ERROR";
  return "HTTP_ERROR";
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}

const SNIPPET_MAX = 200;
// Long opaque runs (JWTs, hex/base64 keys) are masked even under an innocent key.
const OPAQUE = /[A-Za-z0-9_\-+/=.]{32,}/g;

/** Short, single-line, credential-masked excerpt of an error body. */
export function redactSnippet(body: unknown, secrets: readonly string[] = []): string | undefined {
  let text: string;
  if (typeof body === "string") text = body;
  else {
    try {
      text = JSON.stringify(body) ?? "";
    } catch {
      text = String(body);
    }
  }
  text = scrubText(maskSecrets(text, secretValues(secrets)), [])
    .replace(OPAQUE, REDACTED)
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return undefined;
  return text.length > SNIPPET_MAX ? `${text.slice(0, SNIPPET_MAX)}…` : text;
}
