/**
 * The generations of the hand-owned files an update lines up, all from the emitter (never from
 * text capkit keeps about its own templates):
 * - `common`: the new spec, the operations (or events) the integration keeps — what the merge
 *   goes towards;
 * - `withGone` / `withoutGone`: the recorded spec with and without the ones that left it — their
 *   difference is exactly their code, taken out of the merge base.
 * Each set of files is formatted in one Biome run with the others.
 */
import type { EmittedFile } from "../emit/context.js";
import { formatFiles } from "../generate/format.js";
import type { Generation, KindUpdate } from "./kind.js";

export interface HandGenerations {
  common: EmittedFile[];
  withGone?: EmittedFile[];
  withoutGone?: EmittedFile[];
}

export async function handGenerations<M extends Generation>(
  kind: KindUpdate<M>,
  full: readonly EmittedFile[],
): Promise<HandGenerations> {
  const wanted: Record<string, M> = {};
  if (kind.added.length > 0) wanted.common = kind.common;
  if (kind.removed.length > 0) {
    const kept = kind.recorded.filter((id) => !kind.removed.includes(id));
    const withGone = kind.fromSnapshot(kind.recorded);
    const withoutGone = kept.length > 0 ? kind.fromSnapshot(kept) : undefined;
    if (withGone && withoutGone) Object.assign(wanted, { withGone, withoutGone });
  }
  const emitted = await formatTogether(
    Object.fromEntries(
      await Promise.all(
        Object.entries(wanted).map(async ([name, model]) => [name, await kind.emitHand(model)]),
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
