/**
 * The value or error `promise` settles with, and how long it took. A hang is reported as an error
 * after `capMs` instead of running into the test's own timeout, so the failure says what hung.
 */
export async function settle(
  promise: Promise<unknown>,
  capMs = 4000,
): Promise<{ outcome: unknown; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise((resolve) => {
    timer = setTimeout(() => resolve(new Error(`still pending after ${capMs} ms`)), capMs);
  });
  const outcome = await Promise.race([
    promise.then(
      (v) => v,
      (e: unknown) => e,
    ),
    cap,
  ]);
  clearTimeout(timer);
  return { outcome, ms: performance.now() - started };
}

/** What `fn` throws (undefined when it does not). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
