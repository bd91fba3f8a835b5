/**
 * Between emitting and writing, for both kinds of integration: the manifest folder's files (the
 * merge bases, the spec snapshot) and the never-clobber decisions, with the manifest recording what
 * each hand-owned file derives from.
 */
import type { EmittedFile } from "../emit/context.js";
import { DEFAULT_LINE_BUDGET } from "../emit/index.js";
import { manifest } from "../emit/manifest.js";
import { receiverManifest } from "../emit/webhook/manifest.js";
import type { IntegrationModel, ReceiverModel } from "../model/types.js";
import { SNAPSHOT, snapshotFile } from "../update/base-store.js";
import { VERSION } from "../version.js";
import { formatFiles } from "./format.js";
import { decideOwnership } from "./ownership.js";
import { type PlannedFile, planFiles } from "./write.js";

export interface Finished {
  write: EmittedFile[];
  kept: string[];
  conflicts: string[];
}

/**
 * Formats the spec snapshot as the manifest is (Biome's layout; Biome itself, under a flat name,
 * when it cannot be printed in-process), then moves it.
 */
export async function formattedSnapshot(document: unknown): Promise<EmittedFile> {
  const file = snapshotFile(document);
  const [formatted] = await formatFiles([{ ...file, path: "spec.json" }]);
  return { ...file, content: formatted?.content ?? file.content, path: SNAPSHOT };
}

/** The manifest of either kind, with the hashes of kept hand-owned files overridden. */
function manifestOf(
  model: IntegrationModel | ReceiverModel,
  files: EmittedFile[],
  hashes: Record<string, string>,
): EmittedFile {
  const ctx = { version: VERSION, lineBudget: DEFAULT_LINE_BUDGET };
  return "kind" in model
    ? receiverManifest(model, files, ctx, hashes)
    : manifest(model, files, ctx, hashes);
}

/** Starts on the spec snapshot and returns the step that finishes the emitted files. */
export function finishFiles(
  outDir: string,
  model: IntegrationModel | ReceiverModel,
  options: { writeConflicts: boolean },
): (files: EmittedFile[]) => Promise<Finished> {
  const snapshot = formattedSnapshot(model.document);
  return async (files) => {
    const own = decideOwnership(outDir, files, options);
    let write = own.files;
    if (Object.keys(own.keptHashes).length > 0) {
      const emitted = files.filter((f) => f.path !== ".capkit.json");
      const [record] = await formatFiles([manifestOf(model, emitted, own.keptHashes)]);
      if (record) write = [...write.filter((f) => f.path !== ".capkit.json"), record];
    }
    return { write: [...write, await snapshot], kept: own.kept, conflicts: own.conflicts };
  };
}

/**
 * Emits and finishes the files of one run and plans what each does on disk (kept files are listed
 * as kept).
 */
export async function settleFiles(
  outDir: string,
  model: IntegrationModel | ReceiverModel,
  emit: () => Promise<EmittedFile[]>,
  options: { writeConflicts?: boolean; dryRun?: boolean },
): Promise<{ write: EmittedFile[]; planned: PlannedFile[]; emitted: number }> {
  // emit first: the types worker starts on the model before this thread does anything else
  const emitting = emit();
  const finish = finishFiles(outDir, model, { writeConflicts: options.writeConflicts === true });
  const files = await emitting;
  const { write, kept } = await finish(files);
  const planned = planFiles(
    outDir,
    [...write, ...files.filter((f) => kept.includes(f.path))],
    options.dryRun === true,
    kept,
  );
  return { write, planned, emitted: files.length };
}
