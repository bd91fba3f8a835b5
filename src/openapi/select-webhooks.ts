import { CapkitError } from "../errors.js";
import type { RecordKind } from "../model/types.js";
import { closest } from "./closest.js";
import { recordKind } from "./record-kind.js";
import { componentName } from "./schema.js";
import type { LoadedSpec, OpenAPIV3Document } from "./types.js";
import { indexWebhooks, payloadOf, type WebhookRef } from "./webhooks.js";

/** How many events the default selection takes. */
export const DEFAULT_EVENT_SELECTION = 5;

export interface WebhookSummary {
  eventId: string;
  key: string;
  tag: string;
  summary?: string;
  recordKind: RecordKind;
  isDefault: boolean;
}

/** Which platform record an event's payload looks like, from its id and payload schema's name. */
export function eventKind(document: OpenAPIV3Document, event: WebhookRef): RecordKind {
  const schema = payloadOf(document, event).schema;
  const name = schema ? componentName(schema.pointer) : undefined;
  return recordKind(`/${event.eventId.replace(/[/.]/g, "-")}`, name, event.tag, event.eventId);
}

/** Events that look like risk or asset sources, failing those the first events. */
export function defaultEvents(document: OpenAPIV3Document): WebhookRef[] {
  const events = indexWebhooks(document).events;
  const sources = events.filter((e) => {
    const kind = eventKind(document, e);
    return kind === "risk" || kind === "asset";
  });
  return (sources.length > 0 ? sources : events).slice(0, DEFAULT_EVENT_SELECTION);
}

/** Every event, in document order, the default selection marked. */
export function listWebhooks(spec: LoadedSpec): WebhookSummary[] {
  const defaults = new Set(defaultEvents(spec.document));
  return indexWebhooks(spec.document).events.map((e) => ({
    eventId: e.eventId,
    key: e.key,
    tag: e.tag,
    ...(e.summary === undefined ? {} : { summary: e.summary }),
    recordKind: eventKind(spec.document, e),
    isDefault: defaults.has(e),
  }));
}

/** `code-scanning-alert/*` → a whole-string pattern where `*` is any run of characters. */
function glob(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "i");
}

function match(events: WebhookRef[], token: string): WebhookRef[] {
  const exact = events.filter((e) => e.eventId === token || e.key === token);
  if (exact.length > 0) return exact.slice(0, 1);
  if (token.includes("*")) {
    const re = glob(token);
    return events.filter((e) => re.test(e.eventId) || re.test(e.key));
  }
  const lower = token.toLowerCase();
  return events.filter((e) => e.tag.toLowerCase() === lower);
}

/** Events for ids, `*` patterns or tags, in the order asked; nothing asked ⇒ the default selection. */
export function selectWebhooks(spec: LoadedSpec, tokens: readonly string[] = []): WebhookRef[] {
  const wanted = tokens.map((t) => t.trim()).filter(Boolean);
  const events = indexWebhooks(spec.document).events;
  if (events.length === 0) {
    throw new CapkitError(
      "SPEC_NO_WEBHOOKS",
      `${spec.source} describes no webhook events (#/webhooks and #/x-webhooks are empty or missing), so there is nothing to receive.`,
      { source: spec.source, where: "#/webhooks", exitCode: 2 },
    );
  }
  if (wanted.length === 0) return defaultEvents(spec.document);
  const out: WebhookRef[] = [];
  for (const token of wanted) {
    const hits = match(events, token);
    if (hits.length === 0) {
      const near = closest(token, [
        ...events.map((e) => e.eventId),
        ...new Set(events.map((e) => e.tag)),
      ]);
      throw new CapkitError(
        "SPEC_UNKNOWN_EVENT",
        `${spec.source} has no webhook event, pattern match or tag ${JSON.stringify(token)} (#/webhooks). Closest matches: ${near.map((n) => JSON.stringify(n)).join(", ") || "none"}. Run \`capkit doctor ${spec.source}\` to list them all.`,
        { source: spec.source, where: "#/webhooks", exitCode: 2 },
      );
    }
    for (const hit of hits) if (!out.includes(hit)) out.push(hit);
  }
  return out;
}
