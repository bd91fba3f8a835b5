/**
 * Cancellation plumbing for the hot path. `AbortSignal.any` costs ~25 µs per call on Node 20 and a
 * WeakRef per request ~20 µs, either of which alone breaks the ≤ 5 % overhead budget. Instead each
 * parent signal gets one listener that aborts the attempts currently waiting on it; an attempt
 * leaves that set when its response headers arrive.
 */
const waiting = new WeakMap<AbortSignal, Set<AbortController>>();

function attach(parent: AbortSignal, child: AbortController): Set<AbortController> {
  let children = waiting.get(parent);
  if (!children) {
    const set = new Set<AbortController>();
    children = set;
    waiting.set(parent, set);
    parent.addEventListener(
      "abort",
      () => {
        for (const controller of set) controller.abort(parent.reason);
        set.clear();
      },
      { once: true },
    );
  }
  children.add(child);
  return children;
}

/** The signal for one attempt: aborted by any parent, or by a timer bounding the wait for headers. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  timedOut(): boolean;
  /** Headers arrived (or the attempt failed): stop the timer and detach from the parents. */
  done(): void;
}

export function attemptSignal(parents: readonly AbortSignal[], timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  const sets: Set<AbortController>[] = [];
  for (const parent of parents) {
    if (parent.aborted) controller.abort(parent.reason);
    else sets.push(attach(parent, controller));
  }
  let expired = false;
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          expired = true;
          controller.abort(
            new DOMException(`Request timed out after ${timeoutMs} ms`, "TimeoutError"),
          );
        }, timeoutMs)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => expired,
    done() {
      if (timer) clearTimeout(timer);
      for (const set of sets) set.delete(controller);
    },
  };
}
