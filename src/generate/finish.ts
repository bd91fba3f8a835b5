/**
 * Between emitting and writing: the manifest folder's files (the merge bases, the spec snapshot)
 * and the never-clobber decisions, with the manifest recording what each hand-owned file derives
 * from.
 */
import type { EmittedFile } from "../emit/context.js";
import { DEFAULT_LINE_BUDGET } from "../emit/index.js";
import { manifest } from "../emit/manifest.js";
import type { IntegrationModel } from "../model/types.js";
import { SNAPSHOT, snapshotFile } from "../update/base-store.js";
import { VERSION } from "../version.js";
import { formatFiles } from "./format.js";
import { decideOwnership } from "./ownership.js";

export interface Finished {
  write: EmittedFile[];
  kept: string[];
  conflicts: string[];
}

/** Formats the spec snapshot with Biome (as the manifest is) under a flat name, then moves it. */
export async function formattedSnapshot(document: unknown): Promise<EmittedFile> {
  const file = snapshotFile(document);
  const [formatted] = await formatFiles([{ ...file, path: "spec.json" }]);
  return { ...file, content: formatted?.content ?? file.content, path: SNAPSHOT };
}

/**
 * Starts formatting the snapshot at once (a separate process, so it overlaps with emitting), and
 * returns the step that finishes the emitted files.
 */
export function finishFiles(
  outDir: string,
  model: IntegrationModel,
  options: { writeConflicts: boolean },
): (files: EmittedFile[]) => Promise<Finished> {
  const snapshot = formattedSnapshot(model.document);
  return async (files) => {
    const own = decideOwnership(outDir, files, options);
    let write = own.files;
    if (Object.keys(own.keptHashes).length > 0) {
      const ctx = { version: VERSION, lineBudget: DEFAULT_LINE_BUDGET };
      const emitted = files.filter((f) => f.path !== ".capkit.json");
      const [record] = await formatFiles([manifest(model, emitted, ctx, own.keptHashes)]);
      if (record) write = [...write.filter((f) => f.path !== ".capkit.json"), record];
    }
    return { write: [...write, await snapshot], kept: own.kept, conflicts: own.conflicts };
  };
}
