/** `.capkit.json` of a receiver: the same shape as the pull kind's, with `kind` and the events. */
import type { ReceiverModel } from "../../model/types.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { lineTotal, sha256 } from "../manifest.js";

export function receiverManifest(
  model: ReceiverModel,
  files: EmittedFile[],
  ctx: EmitContext,
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
    options: {
      signature: model.signature,
      recordKinds: Object.fromEntries(model.events.map((e) => [e.eventId, e.recordKind])),
    },
    files: Object.fromEntries(
      [...files]
        .sort((a, b) => a.path.localeCompare(b.path))
        .map((f) => [
          f.path,
          { owner: f.owner, sha256: sha256(f.content), lines: lineTotal(f.content) },
        ]),
    ),
  };
  return {
    path: ".capkit.json",
    content: `${JSON.stringify(body, null, 2)}\n`,
    owner: "generated",
  };
}
