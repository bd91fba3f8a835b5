import { sanitizeUrl } from "./sanitize.js";

/** Base of every error the runtime throws on purpose; `code` is stable and machine-readable. */
export class RuntimeError extends Error {
  override readonly name: string = "RuntimeError";
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** Bad options passed to a runtime factory: thrown at construction, naming the option. */
export class OptionsError extends RuntimeError {
  override readonly name = "OptionsError";
  readonly option: string;

  constructor(option: string, message: string) {
    super("INVALID_OPTION", message);
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
}

/** A vendor call that failed. Carries no secret and never a whole response body. */
export class IntegrationError extends RuntimeError {
  override readonly name = "IntegrationError";
  readonly operation: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly snippet: string | undefined;
  readonly requestId: string | undefined;

  constructor(code: string, message: string, options: IntegrationErrorOptions) {
    super(code, message, { cause: options.cause });
    this.operation = options.operation;
    this.status = options.status;
    this.retryable = options.retryable;
    this.snippet = options.snippet;
    this.requestId = options.requestId;
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
    const tail = snippet ? `: ${snippet}` : "";
    return new IntegrationError(
      codeForStatus(status),
      `${operation} failed with HTTP ${status}${text}${where}${tail}`,
      {
        operation,
        status,
        retryable: isRetryableStatus(status),
        cause: options.cause,
        snippet,
        requestId: requestIdOf(response.headers),
      },
    );
  }
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
const SENSITIVE_PAIR =
  /("?(?:access_?token|refresh_?token|id_?token|token|secret|client_?secret|password|passwd|authorization|api[_-]?key|apikey|cookie|session)"?\s*[:=]\s*)("[^"]*"|[^\s,&;}]+)/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
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
  for (const secret of secrets)
    if (secret.length >= 4) text = text.split(secret).join("[Redacted]");
  text = text
    .replace(BEARER, "$1 [Redacted]")
    .replace(SENSITIVE_PAIR, "$1[Redacted]")
    .replace(OPAQUE, "[Redacted]")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return undefined;
  return text.length > SNIPPET_MAX ? `${text.slice(0, SNIPPET_MAX)}…` : text;
}
