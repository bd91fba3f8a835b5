import { z } from "zod";

/** What a handler knows about the delivery besides its payload. */
export interface WebhookDelivery {
  /** The event's id in the spec. */
  readonly event: string;
  /** The replay id (the vendor's delivery id, or one derived from the signature). */
  readonly id: string;
  /** A request header, by case-insensitive name. */
  header(name: string): string | undefined;
  /** Aborted when the receiver's deadline passes: stop work that is no longer waited for. */
  readonly signal: AbortSignal;
}

export type HandlerResult = { issue: string } | undefined;

/** One event's handler: the payload is parsed against its schema before `handle` sees it. */
export interface EventHandler {
  /** Synchronous when the handler is: no promise, no timer, for the common case. */
  run(payload: unknown, delivery: WebhookDelivery): HandlerResult | Promise<HandlerResult>;
}

/** The first schema issue as `path: message`, never the value that failed. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "(payload): invalid";
  const path = issue.path.map(String).join(".") || "(payload)";
  return `${path}: ${issue.code === "invalid_type" ? `expected ${issue.expected}` : issue.code}`;
}

/**
 * A handler for one event: `on(CodeScanningAlertCreated, (event) => this.sendRisk(…))`. The schema
 * is compiled (`z.compile`: Zod's documented fast path, same results and same issues, the runtime
 * parser where it cannot compile) on the event's first delivery: it is what every delivery runs.
 */
export function on<S extends z.ZodType>(
  schema: S,
  handle: (payload: z.output<S>, delivery: WebhookDelivery) => void | Promise<void>,
): EventHandler {
  let compiled: S | undefined;
  return {
    run(payload, delivery) {
      compiled ??= z.compile(schema);
      const parsed = compiled.safeParse(payload);
      if (!parsed.success) return { issue: describeIssue(parsed.error) };
      const done = handle(parsed.data, delivery);
      return done instanceof Promise ? done.then(() => undefined) : undefined;
    },
  };
}
