/** The pull kind in `capkit update`: operations, emitted with the types worker. */
import { emitHandOnly, emitIntegration } from "../../emit/index.js";
import { recordedTestLayout } from "../../emit/names.js";
import type { TypesPartsFn } from "../../emit/types/in-worker.js";
import { formatFiles } from "../../generate/format.js";
import type { IntegrationModel } from "../../model/types.js";
import type { LoadedSpec, OpenAPIV3Document } from "../../openapi/types.js";
import { type KindUpdate, recordedNames } from "../kind.js";
import type { Manifest } from "../manifest.js";
import { snapshotModel, updateModels } from "../model.js";

export function pullUpdate(
  spec: LoadedSpec,
  manifest: Manifest,
  snapshot: OpenAPIV3Document | undefined,
  add: readonly string[],
  types: TypesPartsFn,
): KindUpdate<IntegrationModel> {
  const models = updateModels(spec, manifest, snapshot, add);
  // the tests stay in the files they are in (one test file, or invoke tests apart)
  const testLayout = recordedTestLayout(manifest.files, models.full);
  return {
    unit: "operation",
    recorded: manifest.operations,
    ...models,
    emit: (model) => emitIntegration(model, { format: formatFiles, typesParts: types, testLayout }),
    emitHand: (model) => emitHandOnly(model, { testLayout }),
    fromSnapshot: (ids) => (snapshot ? snapshotModel(snapshot, manifest, ids) : undefined),
    names: (ids) => recordedNames(manifest.names, ids),
  };
}
