import type { HeaderGetter } from "./checked.js";

/** A body field with a fixed value, e.g. `{ path: ["action"], value: "created" }`. */
export interface WebhookField {
  readonly path: readonly string[];
  readonly value: string | number | boolean;
}

/** How a delivery is recognised as one event of the spec; generated from the spec's webhooks. */
export interface WebhookRoute {
  /** The event's id in the spec, e.g. `code-scanning-alert/created`. */
  readonly event: string;
  /** Header values the vendor sends with this event (names lower-case). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Body fields with a fixed value (an enum of one, or a const, in the payload's schema). */
  readonly fields?: readonly WebhookField[];
}

function fieldAt(payload: unknown, path: readonly string[]): unknown {
  let node = payload;
  for (const key of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The first route whose headers and fields all match; undefined for an event nobody selected. */
export function findRoute(
  routes: readonly WebhookRoute[],
  get: HeaderGetter,
  payload: unknown,
): WebhookRoute | undefined {
  return routeFinder(routes)(get, payload);
}

/** findRoute for one set of routes, their header lists read once (a receiver's routes are fixed). */
export function routeFinder(
  routes: readonly WebhookRoute[],
): (get: HeaderGetter, payload: unknown) => WebhookRoute | undefined {
  const ready = routes.map((route) => ({
    route,
    headers: Object.entries(route.headers ?? {}),
    fields: route.fields ?? [],
  }));
  return (get, payload) =>
    ready.find(
      ({ headers, fields }) =>
        headers.every(([name, value]) => get(name)?.trim() === value) &&
        fields.every((field) => fieldAt(payload, field.path) === field.value),
    )?.route;
}
