// The attempt's signal (timeout, remaining budget, job and caller signals) stays on the response
// until its body is read: a server that sends headers and then stalls or trickles cannot hold a
// worker past `timeoutMs`, and the job's abort ends a body read at once. Reading the body through
// any of the usual methods (as readJson and openapi-fetch do) detaches the attempt again.
import type { AttemptSignal } from "./attempt-signal.js";

/** Turns a failed body read into the runtime's error (ABORTED, TIMEOUT, NETWORK, BAD_JSON). */
export type BodyFailure<C> = (cause: unknown, context: C) => Error;

interface Guard {
  attempt: AttemptSignal;
  fail: BodyFailure<unknown>;
  context: unknown;
}

const GUARD = Symbol("capkit.bodyGuard");
type Guarded = Response & { [GUARD]: Guard };

const READERS = ["arrayBuffer", "blob", "bytes", "formData", "json", "text"];

// One prototype for every guarded response: cheaper than six own properties per response.
const GUARDED_PROTOTYPE: object = Object.create(Response.prototype);
for (const name of READERS) {
  const original = Reflect.get(Response.prototype, name) as unknown;
  if (typeof original !== "function") continue;
  Object.defineProperty(GUARDED_PROTOTYPE, name, {
    configurable: true,
    writable: true,
    value(this: Guarded) {
      return read(this, original as (this: Response) => Promise<unknown>);
    },
  });
}

function read(response: Guarded, original: (this: Response) => Promise<unknown>): Promise<unknown> {
  const { attempt, fail, context } = response[GUARD];
  return original.call(response).then(
    (value) => {
      attempt.done();
      return value;
    },
    (cause: unknown) => {
      attempt.done();
      throw fail(cause, context);
    },
  );
}

/**
 * `response`, with its body reads bound to `attempt` and their failures named by `fail`. A
 * response without a body (HEAD, 204, `content-length: 0`) releases the attempt at once.
 */
export function guardBody<C>(
  response: Response,
  attempt: AttemptSignal,
  fail: BodyFailure<C>,
  context: C,
): Response {
  if (response.body === null || response.headers.get("content-length") === "0") {
    attempt.done();
    return response;
  }
  Object.setPrototypeOf(response, GUARDED_PROTOTYPE);
  (response as Guarded)[GUARD] = { attempt, fail: fail as BodyFailure<unknown>, context };
  return response;
}
