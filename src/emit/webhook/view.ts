/** What the receiver's templates render for one event: spec text already made safe. */
import type { ReceiverModel, WebhookEventModel } from "../../model/types.js";
import { commentText, jsonLiteral, propertyKey, stringLiteral } from "../safe-text.js";
import { deref, flattenObject, type JsonSchema, lookupPointer } from "../types/record-schema.js";
import { zodFields } from "../types/zod-schema.js";
import { expectedEvent } from "./expected.js";
import { eventNames } from "./names.js";
import { testSample } from "./sample.js";

const SEND = {
  Asset: "this.sendAsset",
  Risk: "this.sendRisk",
  Attribute: "this.sendAttribute",
} as const;

const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

const WRONG: Record<string, unknown> = {
  string: 12345,
  integer: "not-a-number",
  number: "not-a-number",
  boolean: "not-a-boolean",
  object: "not-an-object",
  array: "not-an-array",
};

function typeOf(schema: JsonSchema | undefined): string | undefined {
  const raw = schema?.type;
  const types = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : [];
  return types.find((t) => t !== "null") ?? (schema?.properties ? "object" : undefined);
}

/** A required top-level field given a value of the wrong type: the schema test's payload. */
function badField(
  document: unknown,
  flat: JsonSchema,
  event: WebhookEventModel,
): { field: string; value: unknown } | undefined {
  const routed = new Set(event.route.fields.map((f) => f.path[0]));
  const props = flat.properties as Record<string, unknown>;
  for (const name of flat.required as string[]) {
    // `__proto__` and friends are not plain keys to every parser: no test leans on them
    if (INHERITED.has(name) || routed.has(name) || !Object.hasOwn(props, name)) continue;
    const type = typeOf(deref(document, props[name]));
    if (type && WRONG[type] !== undefined) return { field: name, value: WRONG[type] };
  }
  return undefined;
}

export function eventView(model: ReceiverModel, event: WebhookEventModel) {
  const names = eventNames(event);
  const schema = event.payloadSchemaRef
    ? deref(model.document, lookupPointer(model.document, event.payloadSchemaRef))
    : undefined;
  const flat = flattenObject(model.document, schema);
  const sample = testSample(event);
  const expected = expectedEvent(event, sample);
  const bad = badField(model.document, flat, event);
  const hints = new Map(event.fieldHints.map((h) => [h.field, h.hint]));
  const fields = Object.keys(flat.properties as object).map((f) =>
    hints.has(f) ? `${f} (${hints.get(f)})` : f,
  );
  const hinted = event.fieldHints.slice(0, 8).map((h) => `${h.field} (${h.hint})`);
  return {
    ...names,
    eventId: stringLiteral(event.eventId),
    eventComment: commentText(event.eventId, 120),
    summary: commentText(event.summary ?? event.eventId, 200),
    kindArticle: names.kind === "Risk" ? "a Risk" : `an ${names.kind}`,
    takesTarget: names.kind !== "Asset",
    sendCall: SEND[names.kind as keyof typeof SEND],
    // payload samples are not conformed to nested shapes: nested objects stay open records
    zodFields: zodFields(model.document, schema, (node) => deref(model.document, node), 0),
    sampleValue: sample,
    sampleLiteral: jsonLiteral(sample),
    expected: expected.expected,
    expectedImports: expected.imports,
    suggestion: commentText(expected.suggestion, 400),
    fieldsComment: commentText(fields.join(", "), 300),
    hintsComment: commentText(hinted.join(", "), 300),
    stateComment: event.riskState
      ? commentText(`state ${event.riskState} (from the event's action)`)
      : "",
    routeHeaders: jsonLiteral(event.route.headers, 0),
    route: jsonLiteral({
      event: event.eventId,
      headers: event.route.headers,
      fields: event.route.fields,
    }),
    badField: bad ? stringLiteral(bad.field) : "",
    badKey: bad ? propertyKey(bad.field) : "",
    badValue: bad ? jsonLiteral(bad.value) : "",
    hasBadField: bad !== undefined,
    handlerTitle: stringLiteral(`a signed ${event.eventId} delivery reaches its handler: 200`),
    redTitle: stringLiteral(
      `${names.transform}: a ${event.eventId} delivery sends ${names.kind === "Risk" ? "a Risk" : `an ${names.kind}`}`,
    ),
    routed: Object.keys(event.route.headers).length > 0 || event.route.fields.length > 0,
  };
}

export type EventView = ReturnType<typeof eventView>;
