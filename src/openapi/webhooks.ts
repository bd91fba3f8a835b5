import type { ModelWarning } from "../model/types.js";
import { METHODS } from "./operations.js";
import { isObject, type JsonObject, join, type Located } from "./pointer.js";
import { resolve } from "./schema.js";
import type { OpenAPIV3Document } from "./types.js";

/**
 * One webhook event of the document: OpenAPI 3.1 `webhooks`, or the `x-webhooks` extension that
 * 3.0 documents (Redocly's convention) use for the same thing. A webhook is a path item the vendor
 * calls: its request body is the event's payload.
 */
export interface WebhookRef {
  /** Unique: the operation's `operationId` when it has one (GitHub: `code-scanning-alert/created`), else the key. */
  eventId: string;
  /** The name under `webhooks`, e.g. `code-scanning-alert-created`. */
  key: string;
  method: string;
  tag: string;
  summary: string | undefined;
  description: string | undefined;
  node: JsonObject;
  pointer: string;
}

export interface WebhookIndex {
  events: WebhookRef[];
  warnings: ModelWarning[];
}

const cache = new WeakMap<object, WebhookIndex>();
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** Every webhook event, in document order, ids unique. Cached per document. */
export function indexWebhooks(document: OpenAPIV3Document): WebhookIndex {
  const cached = cache.get(document);
  if (cached) return cached;
  const events: WebhookRef[] = [];
  const warnings: ModelWarning[] = [];
  const seen = new Set<string>();
  for (const root of ["webhooks", "x-webhooks"] as const) {
    const section = document[root];
    if (!isObject(section)) continue;
    for (const [key, raw] of Object.entries(section)) {
      const item = resolve(document, raw, join("#", root, key));
      if (!item) continue;
      for (const method of METHODS) {
        const node = item.node[method];
        if (!isObject(node)) continue;
        const declared = text(node.operationId)?.trim() || undefined;
        let eventId = declared ?? key;
        if (seen.has(eventId)) {
          const renamed = `${eventId}_${method}`;
          warnings.push({
            code: "DUPLICATE_EVENT_ID",
            message: `webhook event id "${eventId}" is used more than once; ${root}/${key} ${method.toUpperCase()} becomes "${renamed}".`,
            pointer: join("#", root, key, method),
          });
          eventId = renamed;
        }
        seen.add(eventId);
        const tags = Array.isArray(node.tags) ? node.tags.filter((t) => typeof t === "string") : [];
        events.push({
          eventId,
          key,
          method,
          tag: tags[0] ?? "default",
          summary: text(node.summary),
          description: text(node.description),
          node,
          pointer: join("#", root, key, method),
        });
      }
    }
  }
  const index = { events, warnings };
  cache.set(document, index);
  return index;
}

/** The payload: the JSON (or first) media type of the request body, with its schema. */
export function payloadOf(
  document: OpenAPIV3Document,
  event: WebhookRef,
): { contentType: string; media?: Located<JsonObject>; schema?: Located<JsonObject> } {
  const body = resolve(document, event.node.requestBody, join(event.pointer, "requestBody"));
  const content = body && isObject(body.node.content) ? body.node.content : {};
  const types = Object.keys(content);
  const contentType = types.find((t) => /[/+]json\b/i.test(t)) ?? types[0] ?? "application/json";
  const media = resolve(
    document,
    content[contentType],
    join(body?.pointer ?? "#", "content", contentType),
  );
  const schema = media
    ? resolve(document, media.node.schema, join(media.pointer, "schema"))
    : undefined;
  return { contentType, ...(media ? { media } : {}), ...(schema ? { schema } : {}) };
}

export interface HeaderParam {
  name: string;
  required: boolean;
  schema: JsonObject;
  example: unknown;
}

/** The header parameters the vendor documents for an event (path-item ones are not used by webhooks). */
export function headerParams(document: OpenAPIV3Document, event: WebhookRef): HeaderParam[] {
  const list = Array.isArray(event.node.parameters) ? event.node.parameters : [];
  const out: HeaderParam[] = [];
  list.forEach((raw, i) => {
    const p = resolve(document, raw, join(event.pointer, "parameters", i))?.node;
    if (p?.in !== "header" || typeof p.name !== "string") return;
    const schema = resolve(document, p.schema, "#")?.node ?? {};
    out.push({
      name: p.name,
      required: p.required === true,
      schema,
      example: p.example ?? schema.example,
    });
  });
  return out;
}
