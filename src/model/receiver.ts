import { CapkitError } from "../errors.js";
import { isObject, type JsonObject, type Located } from "../openapi/pointer.js";
import { pruneWebhooks } from "../openapi/prune-webhooks.js";
import { propertiesOf, resolve, schemaType } from "../openapi/schema.js";
import { eventKind, selectWebhooks } from "../openapi/select-webhooks.js";
import { detectSignature, signatureProblem } from "../openapi/signature-preset.js";
import type { LoadedSpec, OpenAPIV3Document } from "../openapi/types.js";
import { eventRoute } from "../openapi/webhook-route.js";
import { headerParams, payloadOf, type WebhookRef } from "../openapi/webhooks.js";
import { hintFor, hintsFromSample } from "./field-hints.js";
import { safeIdentifier, TAKEN_CLASS_NAMES, uniqueIn, validateServiceName } from "./names.js";
import { sampleOf } from "./sample.js";
import type { FieldHintEntry, ReceiverModel, Rename, WebhookEventModel } from "./types.js";

export interface ReceiverOptions {
  name: string;
  /** Event ids, `*` patterns or tags; empty means the default selection. */
  events?: string[];
  /** Signature preset; default: what the events' headers show (e.g. X-Hub-Signature-256 → github). */
  signature?: string;
}

/** Model stage for a receiver: the selected events with routes, samples and hints; deterministic. */
export function buildReceiverModel(spec: LoadedSpec, options: ReceiverOptions): ReceiverModel {
  const problem = validateServiceName(options.name);
  if (problem)
    throw new CapkitError(
      "MODEL_INVALID_NAME",
      `Invalid service name ${JSON.stringify(options.name)}: ${problem}`,
      { exitCode: 2 },
    );
  const doc = spec.document;
  const signature = options.signature ?? detectSignature(doc);
  if (!signature) {
    throw new CapkitError(
      "MISSING_SIGNATURE",
      `${spec.source}: the webhook headers do not show how deliveries are signed. Pass --signature (github, stripe, slack, standard, okta, or hmac-sha256:<header>[:hex|base64]).`,
      { source: "--signature", exitCode: 2 },
    );
  }
  const bad = signatureProblem(signature);
  if (bad)
    throw new CapkitError("INVALID_SIGNATURE", `--signature: ${bad}.`, {
      source: "--signature",
      exitCode: 2,
    });
  const selected = selectWebhooks(spec, options.events ?? []);
  const renames: Rename[] = [];
  const taken = new Set<string>();
  const events = selected.map((event) => eventModel(doc, event, taken, renames));
  const pascal = safeIdentifier(options.name, "pascal").identifier;
  const className = TAKEN_CLASS_NAMES.has(`${pascal}Webhook`)
    ? `${pascal}WebhookReceiver`
    : `${pascal}Webhook`;
  const model: ReceiverModel = {
    kind: "receiver",
    source: spec.source,
    specHash: spec.hash,
    title: String(doc.info.title ?? ""),
    version: String(doc.info.version ?? ""),
    service: options.name,
    className,
    fileBase: `${options.name.replace(/-/g, "_")}_webhook`,
    signature,
    events,
    renames,
    warnings: events.flatMap((e) => routeWarnings(e, selected)),
    document: pruneWebhooks(doc, selected),
  };
  if (typeof doc.info.description === "string") model.description = doc.info.description;
  return model;
}

function eventModel(
  doc: OpenAPIV3Document,
  event: WebhookRef,
  taken: Set<string>,
  renames: Rename[],
): WebhookEventModel {
  const safe = safeIdentifier(event.eventId, "pascal", "Event");
  const recordName = uniqueIn(safe.identifier, taken);
  if (safe.reason || recordName !== safe.identifier) {
    renames.push({
      kind: "record",
      from: event.eventId,
      to: recordName,
      reason: safe.reason ?? "collides with another event's name",
    });
  }
  const payload = payloadOf(doc, event);
  const { sample, source } = payloadSample(doc, payload);
  const hints = payload.schema ? deepHints(doc, payload.schema) : [];
  const model: WebhookEventModel = {
    eventId: event.eventId,
    key: event.key,
    recordName,
    tag: event.tag,
    headers: headerParams(doc, event).map((h) => ({ name: h.name, required: h.required })),
    route: eventRoute(doc, event),
    contentType: payload.contentType,
    recordKind: eventKind(doc, event),
    fieldHints: hints.length > 0 ? hints : hintsFromSample(sample),
    sample,
    sampleSource: source,
  };
  const summary = event.description ?? event.summary;
  if (summary !== undefined) model.summary = summary;
  if (payload.schema) model.payloadSchemaRef = payload.schema.pointer;
  const state = riskState(event.eventId);
  if (state) model.riskState = state;
  return model;
}

function payloadSample(
  doc: OpenAPIV3Document,
  payload: ReturnType<typeof payloadOf>,
): { sample: unknown; source: "example" | "schema" } {
  const media = payload.media?.node;
  const examples: unknown[] = [];
  if (media?.example !== undefined) examples.push(media.example);
  if (media && isObject(media.examples)) {
    for (const raw of Object.values(media.examples)) {
      const example = resolve(doc, raw, "#")?.node;
      if (example?.value !== undefined) examples.push(example.value);
    }
  }
  const found = examples.find(isObject);
  if (found) return { sample: found, source: "example" };
  const schema = payload.schema;
  return {
    sample: schema ? sampleOf(doc, schema.node, schema.pointer, 0, new Set(), "") : {},
    source: "schema",
  };
}

/** Hints three levels into the payload: the record sits one level down (`alert.rule.severity`). */
function deepHints(doc: OpenAPIV3Document, root: Located<JsonObject>): FieldHintEntry[] {
  const out: FieldHintEntry[] = [];
  const walk = (schema: Located<JsonObject>, prefix: string, depth: number): void => {
    for (const [name, prop] of propertiesOf(doc, schema)) {
      if (out.length >= 40) return;
      const field = prefix ? `${prefix}.${name}` : name;
      const hint = hintFor(name, prop.node);
      if (hint) out.push({ field, hint });
      if (depth < 3 && schemaType(prop.node) === "object") walk(prop, field, depth + 1);
    }
  };
  walk(root, "", 1);
  // the event's subject before the people and places around it (sender, dismissed_by, owner…)
  const aside = (field: string) => field.split(".").some((part) => PERIPHERAL.test(part));
  return [...out.filter((h) => !aside(h.field)), ...out.filter((h) => aside(h.field))];
}

const PERIPHERAL = /^(sender|actor|user|owner|installation|enterprise|organization|[a-z_]+_by)$/;

const STATES: [WebhookEventModel["riskState"] & string, RegExp][] = [
  ["R", /^(fixed|resolved|remediated|closed)$/],
  ["I", /^(dismissed|auto_dismissed|ignored|suppressed|muted|closed_by_user)$/],
  ["D", /^(deleted|removed)$/],
  ["O", /^(reopened|reopened_by_user|auto_reopened|reintroduced)$/],
  ["T", /^(created|opened|detected|triggered|appeared_in_branch|publicly_leaked)$/],
];

/** The platform state an event's action word suggests (the last word of the event id). */
function riskState(eventId: string): WebhookEventModel["riskState"] {
  const action = eventId.split(/[/.:]/).pop()?.replace(/-/g, "_").toLowerCase() ?? "";
  return STATES.find(([, re]) => re.test(action))?.[0];
}

/** An event that nothing distinguishes would catch every delivery: say so. */
function routeWarnings(event: WebhookEventModel, all: WebhookRef[]) {
  if (
    Object.keys(event.route.headers).length > 0 ||
    event.route.fields.length > 0 ||
    all.length === 1
  )
    return [];
  return [
    {
      code: "EVENT_NOT_DISTINGUISHABLE",
      message: `Webhook event "${event.eventId}" has no header or payload field with a fixed value, so every delivery would match it; add a route by hand in the receiver's types.`,
    },
  ];
}
