/**
 * The signal for one attempt: aborts on the caller's/job's signal or after `timeoutMs`.
 * The timer bounds the time to response headers and is cleared by `done()`; the caller's signal
 * stays linked (through `AbortSignal.any`, which holds it weakly) so cancelling a job also stops
 * a body that is still streaming.
 */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  timedOut(): boolean;
  done(): void;
}

export function attemptSignal(parent: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  if (timeoutMs <= 0 || !Number.isFinite(timeoutMs)) {
    const signal = parent ?? new AbortController().signal;
    return { signal, timedOut: () => false, done() {} };
  }
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`Request timed out after ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  timer.unref?.();
  return {
    signal: parent ? AbortSignal.any([parent, controller.signal]) : controller.signal,
    timedOut: () => expired,
    done: () => clearTimeout(timer),
  };
}
