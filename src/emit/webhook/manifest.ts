/**
 * `.capkit.json` of a receiver: the same shape as the pull kind's, with `kind` and the events, and
 * the names each event gave the hand-owned files (`capkit update` keeps them, and finds the code of
 * an event that left the spec by them).
 */
import type { ReceiverModel } from "../../model/types.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { fileEntries } from "../manifest.js";
import { eventNames } from "./names.js";

/** `hashes` overrides some files' hashes: a hand-owned file capkit kept derives from its old text. */
export function receiverManifest(
  model: ReceiverModel,
  files: EmittedFile[],
  ctx: EmitContext,
  hashes: Record<string, string> = {},
): EmittedFile {
  const body = {
    capkit: ctx.version,
    kind: "receiver",
    service: model.service,
    spec: {
      source: model.source,
      sha256: model.specHash,
      title: model.title,
      version: model.version,
    },
    events: model.events.map((e) => e.eventId),
    names: Object.fromEntries(
      model.events.map((e) => {
        const { kind: _, ...names } = eventNames(e);
        return [e.eventId, { record: e.recordName, ...names }];
      }),
    ),
    options: {
      signature: model.signature,
      recordKinds: Object.fromEntries(model.events.map((e) => [e.eventId, e.recordKind])),
    },
    files: fileEntries(files, hashes),
  };
  return {
    path: ".capkit.json",
    content: `${JSON.stringify(body, null, 2)}\n`,
    owner: "generated",
  };
}
