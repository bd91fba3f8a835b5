/** The receiver kind in `capkit update`: webhook events, with the recorded signature scheme. */
import { emitReceiver, emitReceiverHandOnly } from "../../emit/webhook/index.js";
import { formatFiles } from "../../generate/format.js";
import type { ReceiverModel } from "../../model/types.js";
import type { LoadedSpec, OpenAPIV3Document } from "../../openapi/types.js";
import { type KindUpdate, recordedNames } from "../kind.js";
import type { ReceiverManifest } from "../manifest.js";
import { receiverModels, snapshotReceiver } from "../receiver-model.js";

export function receiverUpdate(
  spec: LoadedSpec,
  manifest: ReceiverManifest,
  snapshot: OpenAPIV3Document | undefined,
  add: readonly string[],
): KindUpdate<ReceiverModel> {
  return {
    unit: "event",
    recorded: manifest.events,
    ...receiverModels(spec, manifest, snapshot, add),
    emit: (model) => emitReceiver(model, { format: formatFiles }),
    emitHand: (model) => emitReceiverHandOnly(model),
    fromSnapshot: (ids) => (snapshot ? snapshotReceiver(snapshot, manifest, ids) : undefined),
    names: (ids) => recordedNames(manifest.names, ids),
  };
}
