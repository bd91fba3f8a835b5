/**
 * The change report of a receiver: the recorded spec and the new one, compared for the
 * integration's own webhook events only — an event that left, one found again under a new id (same
 * webhook key and method), how deliveries are recognised, the payload field by field (read like a
 * response), and the signature scheme the headers show.
 */
import { detectSignature } from "../../openapi/signature-preset.js";
import type { OpenAPIV3Document } from "../../openapi/types.js";
import { eventRoute } from "../../openapi/webhook-route.js";
import { indexWebhooks, payloadOf, type WebhookRef } from "../../openapi/webhooks.js";
import type { ChangeSink, SpecChange } from "./change.js";
import { compareFields } from "./compare-fields.js";
import { flattenSchema } from "./fields.js";

const placeOf = (e: WebhookRef) => `${e.key} ${e.method.toUpperCase()}`;

export function compareWebhooks(
  old: OpenAPIV3Document,
  next: OpenAPIV3Document,
  events: readonly string[],
  signature: string,
): SpecChange[] {
  const changes: SpecChange[] = [];
  const oldEvents = byId(old);
  const nextEvents = byId(next);
  const nextByPlace = new Map(indexWebhooks(next).events.map((e) => [placeOf(e), e]));
  for (const id of events) {
    const report: ChangeSink = (c) => changes.push({ operation: id, ...c });
    const before = oldEvents.get(id);
    if (!before) continue;
    let after = nextEvents.get(id);
    if (!after) {
      const moved = nextByPlace.get(placeOf(before));
      report({
        id: moved ? "event-id-changed" : "event-removed",
        breaking: true,
        where: "event",
        message: moved
          ? `is now called ${JSON.stringify(moved.eventId)}: the receiver's routes and handlers name the old id`
          : "was removed from the spec: the vendor stops sending it; its handler, transform and test stay",
      });
      if (!moved) continue;
      after = moved;
    }
    compareEvent(old, before, next, after, report);
  }
  const was = detectSignature(old);
  const now = detectSignature(next);
  if (was !== now) {
    changes.push({
      operation: "*",
      id: "signature-changed",
      breaking: true,
      where: "signature",
      message: `the webhook headers now show ${now ?? "no known"} signatures instead of ${was ?? "none known"}; the receiver verifies ${signature} (regenerate with --signature to switch)`,
    });
  }
  return changes;
}

function compareEvent(
  oldDoc: OpenAPIV3Document,
  before: WebhookRef,
  nextDoc: OpenAPIV3Document,
  after: WebhookRef,
  report: ChangeSink,
): void {
  const oldRoute = routeText(oldDoc, before);
  const nextRoute = routeText(nextDoc, after);
  if (oldRoute !== nextRoute) {
    report({
      id: "event-route-changed",
      breaking: true,
      where: "route",
      message: `deliveries are now recognised by ${nextRoute} instead of ${oldRoute}: the deployed receiver would answer them 202 (not handled)`,
    });
  }
  const was = payloadOf(oldDoc, before);
  const now = payloadOf(nextDoc, after);
  if (was.contentType !== now.contentType) {
    report({
      id: "payload-media-type-changed",
      breaking: true,
      where: "payload",
      message: `the payload is now ${now.contentType} instead of ${was.contentType}`,
    });
  }
  if (!was.schema) return;
  if (!now.schema) {
    report({
      id: "payload-schema-removed",
      breaking: true,
      where: "payload",
      message: "the payload no longer has a schema: nothing says which fields it carries",
    });
    return;
  }
  compareFields(
    flattenSchema(oldDoc, was.schema),
    flattenSchema(nextDoc, now.schema),
    "payload",
    "payload",
    report,
  );
}

/** `header x-github-event: push, field action = created`; `nothing` when no value marks it. */
function routeText(doc: OpenAPIV3Document, event: WebhookRef): string {
  const { headers, fields } = eventRoute(doc, event);
  const parts = [
    ...Object.entries(headers).map(([name, value]) => `header ${name}: ${value}`),
    ...fields.map((f) => `field ${f.path.join(".")} = ${JSON.stringify(f.value)}`),
  ];
  return parts.length > 0 ? parts.join(", ") : "nothing";
}

function byId(doc: OpenAPIV3Document): Map<string, WebhookRef> {
  return new Map(indexWebhooks(doc).events.map((e) => [e.eventId, e]));
}
