// How a failed attempt is named. The cause chain keeps what helps (error codes, names) and loses
// what leaks: every string in it is scrubbed of the job's secrets and of URL query strings.
import { abortedError } from "./abort.js";
import { IntegrationError } from "./errors.js";
import { scrubCause } from "./secrets.js";

/** What bounds one attempt: the per-request timeout, or what is left of the call's budget. */
export interface AttemptLimit {
  ms: number;
  by: "timeoutMs" | "maxElapsedMs";
}

export interface FailureContext {
  operation: string;
  /** Idempotent requests may be repeated: their network failures and timeouts are retryable. */
  idempotent: boolean;
  limit: AttemptLimit;
  secrets: readonly string[];
  /** The parent signal that aborted, if one did. */
  aborted: AbortSignal | undefined;
  timedOut: boolean;
}

// undici and browsers say this for a failure on the wire; any other TypeError from fetch is about
// the request itself (a header value fetch refuses, a body on a GET) and repeating cannot help.
const NETWORK_MESSAGES = new Set([
  "fetch failed",
  "Failed to fetch",
  "terminated",
  "network error",
]);

/** The error for an attempt that failed before a response arrived (or while reading its body). */
export function attemptFailure(
  cause: unknown,
  context: FailureContext,
  phase: "request" | "body" = "request",
): IntegrationError {
  const { operation, secrets } = context;
  if (context.aborted) return abortedError(operation, context.aborted, secrets);
  const reading = phase === "body" ? " while reading the body" : "";
  if (context.timedOut) {
    const { ms, by } = context.limit;
    const message =
      by === "timeoutMs"
        ? `${operation} timed out after ${ms} ms${reading}`
        : `${operation} gave up${reading}: the call's maxElapsedMs budget ran out`;
    return new IntegrationError("TIMEOUT", message, {
      operation,
      retryable: context.idempotent,
      cause: scrubCause(cause, secrets),
    });
  }
  if (phase === "body" && cause instanceof SyntaxError) {
    // Newer V8 quotes the text around the error: the cause is left out, not scrubbed.
    return new IntegrationError("BAD_JSON", `${operation} returned a body that is not JSON`, {
      operation,
      retryable: false,
    });
  }
  if (isRequestError(cause)) {
    return new IntegrationError(
      "INVALID_REQUEST",
      `${operation}: fetch refused the request (${(cause as Error).message.split(/[:"]/, 1)[0]?.trim()})`,
      { operation, retryable: false },
    );
  }
  return new IntegrationError(
    "NETWORK",
    `${operation} failed${reading}: network error (${describeCause(cause)})`,
    { operation, retryable: context.idempotent, cause: scrubCause(cause, secrets) },
  );
}

function isRequestError(cause: unknown): boolean {
  return (
    cause instanceof TypeError && cause.cause === undefined && !NETWORK_MESSAGES.has(cause.message)
  );
}

function describeCause(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown } })?.cause;
  if (inner && typeof inner.code === "string") return inner.code;
  return cause instanceof Error ? cause.name : "unknown";
}
