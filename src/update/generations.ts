/**
 * The generations of the hand-owned files an update lines up, all from the emitter (never from
 * text capkit keeps about its own templates):
 * - `common`: the new spec, the operations the integration keeps — what the merge goes towards;
 * - `withGone` / `withoutGone`: the recorded spec with and without the operations that left it —
 *   their difference is exactly those operations' code, taken out of the merge base.
 * Each set of files is formatted in one Biome run with the others.
 */
import type { EmittedFile } from "../emit/context.js";
import { emitHandOnly } from "../emit/index.js";
import { formatFiles } from "../generate/format.js";
import type { IntegrationModel } from "../model/types.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import type { Manifest } from "./manifest.js";
import { snapshotModel, type UpdateModels } from "./model.js";

export interface HandGenerations {
  common: EmittedFile[];
  withGone?: EmittedFile[];
  withoutGone?: EmittedFile[];
}

export async function handGenerations(
  models: UpdateModels,
  full: readonly EmittedFile[],
  manifest: Manifest,
  snapshot: OpenAPIV3Document | undefined,
): Promise<HandGenerations> {
  const wanted: Record<string, IntegrationModel> = {};
  if (models.added.length > 0) wanted.common = models.common;
  if (models.removed.length > 0 && snapshot) {
    const kept = manifest.operations.filter((id) => !models.removed.includes(id));
    const withGone = snapshotModel(snapshot, manifest, manifest.operations);
    const withoutGone = kept.length > 0 ? snapshotModel(snapshot, manifest, kept) : undefined;
    if (withGone && withoutGone) Object.assign(wanted, { withGone, withoutGone });
  }
  const emitted = await formatTogether(
    Object.fromEntries(
      await Promise.all(
        Object.entries(wanted).map(async ([name, model]) => [name, await emitHandOnly(model)]),
      ),
    ),
  );
  return {
    common: emitted.common ?? full.filter((f) => f.owner === "hand"),
    ...(emitted.withGone ? { withGone: emitted.withGone } : {}),
    ...(emitted.withoutGone ? { withoutGone: emitted.withoutGone } : {}),
  };
}

/** Several sets of files through one Biome run: each set's paths get a prefix on the way. */
export async function formatTogether(
  sets: Record<string, EmittedFile[]>,
): Promise<Record<string, EmittedFile[]>> {
  const names = Object.keys(sets).filter((name) => (sets[name] ?? []).length > 0);
  if (names.length === 0) return {};
  const flat = names.flatMap((name, i) =>
    (sets[name] ?? []).map((f) => ({ ...f, path: `set${i}__${f.path}` })),
  );
  const formatted = await formatFiles(flat);
  return Object.fromEntries(
    names.map((name, i) => [
      name,
      formatted
        .filter((f) => f.path.startsWith(`set${i}__`))
        .map((f) => ({ ...f, path: f.path.slice(`set${i}__`.length) })),
    ]),
  );
}
