import { isObject, type JsonObject, parsePointer } from "./pointer.js";
import { dropDanglingMappings, Reach, withoutExtensions } from "./prune.js";
import type { OpenAPIV3Document } from "./types.js";
import type { WebhookRef } from "./webhooks.js";

/**
 * The document cut down to some webhook events and every component their payloads, headers and
 * examples reach. Names are kept, so pointers into the pruned document are the original ones; a
 * 4.8 MB description becomes the few hundred kilobytes the selected events need.
 */
export function pruneWebhooks(
  document: OpenAPIV3Document,
  events: readonly WebhookRef[],
): OpenAPIV3Document {
  const reach = new Reach(document);
  const roots: Record<string, Record<string, JsonObject>> = {};
  for (const event of events) {
    const [root = "webhooks", key = event.key] = parsePointer(event.pointer) ?? [];
    const section = roots[root] ?? {};
    roots[root] = section;
    section[key] = { ...section[key], [event.method]: event.node };
    reach.visit(event.node);
  }
  const out: JsonObject = { openapi: document.openapi, info: withoutExtensions(document.info) };
  out.paths = {};
  // the document's own order of webhooks
  for (const root of ["webhooks", "x-webhooks"]) {
    const section = document[root];
    const kept = roots[root];
    if (!isObject(section) || !kept) continue;
    out[root] = Object.fromEntries(
      Object.keys(section)
        .filter((key) => kept[key] !== undefined)
        .map((key) => [key, kept[key]]),
    );
  }
  const components: Record<string, JsonObject> = {};
  for (const [kind, all] of Object.entries(document.components ?? {})) {
    const keep = reach.components.get(kind);
    if (!isObject(all) || !keep || keep.size === 0) continue;
    components[kind] = Object.fromEntries(Object.entries(all).filter(([name]) => keep.has(name)));
  }
  if (Object.keys(components).length > 0) out.components = components;
  const pruned = structuredClone(out) as OpenAPIV3Document;
  dropDanglingMappings(pruned);
  return pruned;
}
