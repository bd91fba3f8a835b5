import type { HeaderGetter } from "./checked.js";
import type { WebhookDelivery } from "./handler.js";

/** The delivery a handler is given; its AbortController is made on first use (most never look). */
export class Delivery implements WebhookDelivery {
  #controller: AbortController | undefined;

  constructor(
    readonly event: string,
    readonly id: string,
    readonly header: HeaderGetter,
  ) {}

  get signal(): AbortSignal {
    return Delivery.controller(this).signal;
  }

  /** The receiver's handle on the signal (static: a handler cannot abort its own delivery). */
  static controller(delivery: Delivery): AbortController {
    delivery.#controller ??= new AbortController();
    return delivery.#controller;
  }
}
