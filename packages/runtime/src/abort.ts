import { IntegrationError } from "./errors.js";
import { scrubCause } from "./secrets.js";

// setTimeout fires after 1 ms for anything longer (and warns): a long sleep is taken in pieces.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Wait `ms`, rejecting early (and clearing the timer) when `signal` aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  for (let left = ms; left > 0; left -= MAX_TIMER_MS) {
    await sleepOnce(Math.min(left, MAX_TIMER_MS), signal);
  }
  signal?.throwIfAborted();
}

function sleepOnce(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** One signal for several; `undefined` entries are skipped. */
export function anySignal(...signals: (AbortSignal | null | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s != null);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

/** The ABORTED error; the abort reason is its cause, scrubbed of `secrets` and URL queries. */
export function abortedError(
  operation: string,
  signal: AbortSignal,
  secrets: readonly string[] = [],
): IntegrationError {
  return new IntegrationError("ABORTED", `${operation} was cancelled`, {
    operation,
    retryable: false,
    cause: scrubCause(signal.reason, secrets),
  });
}
