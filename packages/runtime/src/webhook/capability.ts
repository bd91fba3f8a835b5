import { BaseCapability, type CapabilityOptions } from "../capability.js";
import { OptionsError } from "../errors.js";
import { type Job, requireSecret } from "../job.js";
import type { Integration } from "../models.js";
import { stateStore } from "../store/default.js";
import { expectPositiveInteger, expectPositiveNumber } from "../validate.js";
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, readBody } from "./body.js";
import type { HeaderGetter } from "./checked.js";
import { Deadlines } from "./deadlines.js";
import { Delivery } from "./delivery.js";
import { WebhookVerificationError } from "./errors.js";
import type { EventHandler, WebhookDelivery } from "./handler.js";
import type { ReplayStore } from "./replay-store.js";
import { reply, toResponse, type WebhookOutcome } from "./respond.js";
import { routeFinder, type WebhookRoute } from "./route.js";
import { signatureScheme, type WebhookScheme } from "./schemes.js";
import {
  checkParts,
  headerReader,
  rawBody,
  replayed,
  replayHoldMs,
  verifyWebhook,
  type WebhookHeaders,
} from "./verify.js";

export interface WebhookOptions extends CapabilityOptions {
  /**
   * Where replay ids live. Default: the state store's (`stateStore()`): one in-memory store for
   * this process's receivers, or Redis, shared by every receiver, with `CAPKIT_REDIS_URL`.
   */
  replay?: ReplayStore;
  /** Largest body accepted; larger ones get 413 unread. Default 1 MB. */
  maxBodyBytes?: number;
  /** Longest a handler may hold the response, in ms. Default 9,000 (Slack: 2,500). */
  deadlineMs?: number;
  /**
   * When the deadline passes: `"retry"` (default) answers 503 and forgets the replay id, so the
   * vendor delivers again (records are keyed, a second send is harmless; a lost one is not);
   * `"acknowledge"` answers 202 and lets the handler finish in the background.
   */
  onDeadline?: "retry" | "acknowledge";
  /** Allowed clock skew and replay window, in seconds. Default 300. */
  toleranceSeconds?: number;
  now?: () => number;
}

/** A delivery with its body already read: what `handle()` checks after the HTTP layer. */
export interface RawDelivery {
  headers: WebhookHeaders;
  body: string | Uint8Array;
}

/**
 * The base of every webhook receiver: `handle(request)` reads the raw body (bounded), verifies the
 * signature, refuses replays, routes the event, parses it against its schema, and runs the
 * engineer's handler under a deadline. Unknown events get 202; nothing is parsed before it is
 * verified. Subclasses name the preset (`signature`), the routes and one handler per event.
 */
export abstract class WebhookCapability extends BaseCapability {
  /** A preset: github, stripe, slack, standard, okta, or hmac-sha256:<header>[:hex|base64]. */
  abstract readonly signature: string;
  /** The job secret that holds the shared secret. */
  readonly secretKey: string = "webhookSecret";
  readonly #options: WebhookOptions;
  #replay: ReplayStore | undefined;
  #handlers: Readonly<Record<string, EventHandler>> | undefined;
  #findRoute: ReturnType<typeof routeFinder> | undefined;
  #scheme: WebhookScheme | undefined;
  readonly #deadlines = new Deadlines();
  readonly #tolerance: number;

  constructor(job: Job, target: Integration, options: WebhookOptions = {}) {
    super(job, target, options);
    this.#options = options;
    this.#tolerance = expectPositiveNumber("toleranceSeconds", options.toleranceSeconds ?? 300);
    if (this.#options.maxBodyBytes !== undefined)
      expectPositiveInteger("maxBodyBytes", this.#options.maxBodyBytes);
    if (this.#options.deadlineMs !== undefined)
      expectPositiveInteger("deadlineMs", this.#options.deadlineMs);
  }

  /** How each selected event is recognised (generated from the spec). */
  protected abstract routes(): readonly WebhookRoute[];
  /** One handler per event id; see `on()`. */
  protected abstract handlers(): Readonly<Record<string, EventHandler>>;

  /** The verification scheme, from the preset and the job's secret. */
  scheme(): WebhookScheme {
    // a job's secrets do not change: build (and check) the scheme once
    this.#scheme ??= signatureScheme(this.signature, requireSecret(this.job, this.secretKey));
    return this.#scheme;
  }

  override credentialParams(): string[] {
    return [this.secretKey];
  }

  /** A receiver calls no vendor API: its credential is the shared secret, checked here. */
  override async validateCredentials(): Promise<void> {
    this.scheme();
  }

  /** Receivers work through `handle()`; `invoke()` only proves the receiver can verify deliveries. */
  override async invoke(): Promise<void> {
    await this.validateCredentials();
  }

  /** Web-standard entry point: a Request in, a Response out (see `nodeListener` for node:http). */
  async handle(request: Request): Promise<Response> {
    if (request.method === "GET") {
      const challenge = request.headers.get("x-okta-verification-challenge");
      if (challenge && this.signature === "okta") return this.#oktaChallenge(request, challenge);
    }
    if (request.method !== "POST")
      return toResponse(reply(405, "Webhooks are delivered with POST.", { allow: "POST" }));
    let body: Buffer;
    try {
      body = await readBody(request, this.#options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return toResponse(reply(413, error.message, { connection: "close" }));
      throw error;
    }
    return toResponse(await this.receive({ headers: request.headers, body }));
  }

  /**
   * The checks and the dispatch of `handle()`, on a body that is already read; the answer as a
   * plain outcome (see `toResponse`), so adapters that are not web-standard skip the Response.
   */
  async receive(delivery: RawDelivery): Promise<WebhookOutcome> {
    let id: string;
    let header: HeaderGetter;
    try {
      const scheme = this.scheme();
      header = headerReader(delivery.headers);
      const call = { get: header, body: rawBody(delivery.body), toleranceSeconds: this.#tolerance };
      ({ id } = checkParts(scheme, (this.#options.now ?? Date.now)(), call));
      // verifyParts' last step, here: a store in memory answers without a promise to await
      const claim = this.#replayStore().claim(id, replayHoldMs(this.#tolerance));
      if (!(typeof claim === "boolean" ? claim : await claim)) throw replayed();
    } catch (error) {
      return this.#refused(error);
    }
    let payload: unknown;
    try {
      const text = delivery.body;
      payload = JSON.parse(typeof text === "string" ? text : Buffer.from(text).toString("utf8"));
    } catch {
      return reply(400, "The body is not JSON.");
    }
    if (this.signature === "slack" && isUrlVerification(payload)) {
      return {
        status: 200,
        message: "Challenge answered.",
        json: { challenge: payload.challenge },
      };
    }
    this.#findRoute ??= routeFinder(this.routes());
    const route = this.#findRoute(header, payload);
    this.#handlers ??= this.handlers();
    const handler =
      route && Object.hasOwn(this.#handlers, route.event) ? this.#handlers[route.event] : undefined;
    if (!route || !handler) {
      this.log.debug({ delivery: id }, "webhook event not handled here; acknowledged");
      return reply(202, "Event not handled by this receiver.");
    }
    return this.#run(handler, payload, new Delivery(route.event, id, header));
  }

  /** 401 for a bad delivery, 409 for a replay, 500 (logged) for a receiver set up wrong. */
  #refused(error: unknown): WebhookOutcome {
    if (error instanceof OptionsError) {
      this.log.error({ option: error.option }, `webhook receiver misconfigured: ${error.message}`);
      return reply(500, "The receiver is not configured.");
    }
    if (!(error instanceof WebhookVerificationError)) throw error;
    this.log.warn({ reason: error.reason }, "webhook delivery refused");
    return reply(error.reason === "replayed" ? 409 : 401, error.message);
  }

  async #run(handler: EventHandler, payload: unknown, delivery: Delivery): Promise<WebhookOutcome> {
    let untrack = () => {};
    try {
      let outcome = handler.run(payload, delivery);
      // a handler that returned a promise runs under the deadline; a synchronous one has finished
      if (outcome instanceof Promise) {
        const work = outcome;
        let onLate: (value: "late") => void = () => {};
        const late = new Promise<"late">((resolve) => {
          onLate = resolve;
        });
        const deadline = this.#options.deadlineMs ?? (this.signature === "slack" ? 2500 : 9000);
        untrack = this.#deadlines.track(deadline, () => onLate("late"));
        const first = await Promise.race([work, late]);
        if (first === "late") {
          return this.#late(work, delivery, Delivery.controller(delivery));
        }
        outcome = first;
      }
      if (outcome) {
        this.log.warn(
          { event: delivery.event, delivery: delivery.id, field: outcome.issue },
          "webhook payload does not match its schema",
        );
        return reply(
          400,
          `Payload does not match the ${delivery.event} schema at ${outcome.issue}.`,
        );
      }
      this.log.debug({ event: delivery.event, delivery: delivery.id }, "webhook event processed");
      return reply(200, "Processed.");
    } catch (error) {
      await this.#replayStore().release(delivery.id);
      this.log.error(
        { event: delivery.event, delivery: delivery.id, err: error },
        "webhook handler failed",
      );
      return reply(500, "The event could not be processed; deliver it again.");
    } finally {
      untrack();
    }
  }

  async #late(
    work: Promise<unknown>,
    delivery: WebhookDelivery,
    controller: AbortController,
  ): Promise<WebhookOutcome> {
    const failed = (error: unknown) =>
      this.log.error(
        { event: delivery.event, delivery: delivery.id, err: error },
        "webhook handler failed after the deadline",
      );
    if (this.#options.onDeadline === "acknowledge") {
      work.catch(failed);
      return reply(202, "Accepted; processing continues.");
    }
    controller.abort();
    work.catch(failed);
    await this.#replayStore().release(delivery.id);
    this.log.warn(
      { event: delivery.event, delivery: delivery.id },
      "webhook handler passed its deadline",
    );
    return reply(503, "Processing took too long; deliver it again.", { "retry-after": "30" });
  }

  /** Okta's one-time verification: echo the challenge, once the hook's shared secret checks out. */
  async #oktaChallenge(request: Request, challenge: string): Promise<Response> {
    try {
      await verifyWebhook({ scheme: this.scheme(), headers: request.headers, body: "" });
    } catch (error) {
      return toResponse(this.#refused(error));
    }
    return Response.json({ verification: challenge });
  }

  #replayStore(): ReplayStore {
    this.#replay ??= this.#options.replay ?? stateStore().replayStore(this.name);
    return this.#replay;
  }
}

function isUrlVerification(payload: unknown): payload is { challenge: string } {
  const p = payload as { type?: unknown; challenge?: unknown } | null;
  return (
    typeof p === "object" &&
    p !== null &&
    p.type === "url_verification" &&
    typeof p.challenge === "string"
  );
}
