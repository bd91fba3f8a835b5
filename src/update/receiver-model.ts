/**
 * The receiver model for `capkit update`, from the new spec and the recorded options: the events
 * that are still there (one found again under a new id, at the same webhook key and method, keeps
 * its place), the ones to add, the recorded signature scheme and record kinds, and the recorded
 * names, so hand-written code that calls `toFindingCreatedRisk` keeps finding it.
 */
import { CapkitError } from "../errors.js";
import { uniqueIn } from "../model/names.js";
import { buildReceiverModel } from "../model/receiver.js";
import type { ReceiverModel } from "../model/types.js";
import { selectWebhooks } from "../openapi/select-webhooks.js";
import type { LoadedSpec, OpenAPIV3Document } from "../openapi/types.js";
import { indexWebhooks, type WebhookRef } from "../openapi/webhooks.js";
import { snapshotSpec } from "./base-store.js";
import { carryOver, recordedIdOf } from "./carry-over.js";
import type { ReceiverManifest } from "./manifest.js";

export interface ReceiverModels {
  full: ReceiverModel;
  common: ReceiverModel;
  removed: string[];
  renamed: Map<string, string>;
  added: string[];
}

export function receiverModels(
  spec: LoadedSpec,
  manifest: ReceiverManifest,
  snapshot: OpenAPIV3Document | undefined,
  addEvents: readonly string[],
): ReceiverModels {
  const place = (e: WebhookRef) => ({ id: e.eventId, place: `${e.key} ${e.method}` });
  const { kept, removed, renamed } = carryOver(
    manifest.events,
    indexWebhooks(spec.document).events.map(place),
    snapshot ? indexWebhooks(snapshot).events.map(place) : [],
  );
  const added = addEvents.length
    ? selectWebhooks(spec, addEvents)
        .map((e) => e.eventId)
        .filter((id) => !kept.includes(id))
    : [];
  if (kept.length + added.length === 0) {
    throw new CapkitError(
      "UPDATE_NO_EVENTS",
      `None of the receiver's webhook events (${manifest.events.join(", ")}) is in ${spec.source} any more, and none was added. Nothing was written; add events with --add-events, or generate a new receiver.`,
      { source: spec.source, where: "#/webhooks", exitCode: 1 },
    );
  }
  const full = recordedReceiver(spec, manifest, [...kept, ...added], renamed);
  const common: ReceiverModel = {
    ...full,
    events: full.events.filter((e) => kept.includes(e.eventId)),
  };
  return { full, common, removed, renamed, added };
}

/** A receiver of these events with the signature, record kinds and names the manifest records. */
export function recordedReceiver(
  spec: LoadedSpec,
  manifest: ReceiverManifest,
  events: string[],
  renamed: ReadonlyMap<string, string> = new Map(),
): ReceiverModel {
  const model = buildReceiverModel(spec, {
    name: manifest.service,
    events,
    signature: manifest.options.signature,
  });
  const taken = new Set<string>();
  const fresh = [];
  for (const event of model.events) {
    const id = recordedIdOf(renamed, event.eventId);
    if (!manifest.events.includes(id)) {
      fresh.push(event);
      continue;
    }
    const kind = manifest.options.recordKinds[id];
    if (kind) event.recordKind = kind;
    const record = manifest.names?.[id]?.record;
    if (record) event.recordName = record;
    taken.add(event.recordName);
  }
  // an added event must not take a name the recorded ones kept
  for (const event of fresh) event.recordName = uniqueIn(event.recordName, taken);
  return model;
}

/** The recorded spec as a loaded one: the receiver capkit would generate today from it. */
export function snapshotReceiver(
  snapshot: OpenAPIV3Document,
  manifest: ReceiverManifest,
  events: string[],
): ReceiverModel | undefined {
  try {
    return recordedReceiver(snapshotSpec(snapshot, manifest.spec), manifest, events);
  } catch {
    // a snapshot this capkit cannot model (hand-edited, or from an odd spec): no structural base
    return undefined;
  }
}
