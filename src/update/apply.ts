/**
 * The part of an update both kinds share: the new generation's generated files as they are, each
 * hand-owned file merged (merge base → new generation, onto the engineer's copy) and given the
 * added operations or events through its syntax tree; the manifest, merge bases and spec snapshot
 * move on; then tsc and the tests say what the new types broke.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EmittedFile } from "../emit/context.js";
import { formattedSnapshot } from "../generate/finish.js";
import { type PlannedFile, planFiles, writeFiles } from "../generate/write.js";
import type { Verification } from "../verify/index.js";
import type { Covering } from "../verify/typecheck.js";
import { VERSION } from "../version.js";
import { baseFiles } from "./base-store.js";
import { compareDrift, type Drift, type LoadedDrift } from "./check.js";
import { type CompileError, compileErrors } from "./compile-errors.js";
import { handGenerations } from "./generations.js";
import { type HandFileResult, updateHandFile } from "./hand-file.js";
import type { Generation, KindUpdate } from "./kind.js";
import { mergeBases, type OperationNames } from "./merge-base.js";

export interface ApplyOptions {
  cwd: string;
  dryRun?: boolean;
  /** Type-check and run the tests after writing (default true). */
  verify?: boolean;
  onProgress?: (message: string) => void;
}

export interface UpdateResult {
  dir: string;
  /** What the integration is made of: `operation` (pull) or `event` (receiver). */
  unit: "operation" | "event";
  drift: Drift;
  added: string[];
  removed: string[];
  renamed: [string, string][];
  files: PlannedFile[];
  hand: HandFileResult[];
  /** Nothing to write: the integration already is what this spec and capkit make of it. */
  upToDate: boolean;
  written: boolean;
  verification?: Verification;
  compileErrors: CompileError[];
}

export async function applyUpdate<M extends Generation>(
  dir: string,
  loaded: LoadedDrift,
  kind: KindUpdate<M>,
  options: ApplyOptions,
  /** Whether the host's tsconfig covers the folder, when the update asked early. */
  covering?: Covering,
): Promise<UpdateResult> {
  const progress = options.onProgress ?? (() => {});
  const { manifest } = loaded;
  const full: M = { ...kind.full, source: loaded.recorded };
  progress(
    `Emitting ${kind.recorded.length - kind.removed.length + kind.added.length} ${kind.unit}(s)`,
  );
  // first: the types worker starts on the model before this thread does anything else
  const emitting = kind.emit(full);
  const snapshot = formattedSnapshot(full.document);
  // compared while the types worker and Biome run
  const drift: Drift = { ...loaded, report: compareDrift(loaded) };
  const files = await emitting;
  const handPaths = files.filter((f) => f.owner === "hand").map((f) => f.path);
  const removed = kind.removed.length > 0;
  const gens = await handGenerations(kind, files);
  const bases = await mergeBases(dir, handPaths, gens, removed, namesOf(kind));
  const labels = {
    ours: "yours",
    base: `capkit ${manifest.capkit} from ${manifest.spec.title} ${manifest.spec.version}`,
    theirs: `capkit ${VERSION} from ${full.title} ${full.version}`,
  };
  const insert = kind.added.length > 0 ? (await import("./insert.js")).insertAdditions : undefined;
  const hand = files
    .filter((f) => f.owner === "hand")
    .map((next) => {
      const base = bases.get(next.path);
      return updateHandFile(
        {
          path: next.path,
          ours: readIfExists(join(dir, next.path)),
          base: base?.stored,
          mergeBase: base?.merge,
          ...(base?.note ? { baseNote: base.note } : {}),
          removed,
          common: gens.common.find((f) => f.path === next.path)?.content ?? next.content,
          next: next.content,
          labels,
        },
        insert,
      );
    });
  const write: EmittedFile[] = [
    ...files.filter((f) => f.owner === "generated"),
    ...hand.map((h) => ({ path: h.path, content: h.content, owner: "hand" as const })),
    ...baseFiles(files.filter((f) => f.owner === "hand")),
    await snapshot,
  ];
  const planned = planFiles(dir, write, options.dryRun === true);
  const upToDate = planned.every((f) => f.status === "unchanged") && storeUnchanged(dir, write);
  const result: UpdateResult = {
    dir,
    unit: kind.unit,
    drift,
    added: kind.added,
    removed: kind.removed,
    renamed: [...kind.renamed],
    files: planned,
    hand,
    upToDate,
    written: false,
    compileErrors: [],
  };
  if (options.dryRun || upToDate) return result;
  writeFiles(dir, write);
  result.written = true;
  if (options.verify === false) return result;
  progress("Verifying: tsc --noEmit and the tests");
  const { verifyIntegration } = await import("../verify/index.js");
  result.verification = await verifyIntegration(dir, options.cwd, {}, covering);
  result.compileErrors = await compileErrors(
    result.verification.build.output,
    new Map(hand.map((h) => [h.path, h.content])),
  );
  return result;
}

export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** The store's files are not in the plan (they are bookkeeping), so compare them here. */
function storeUnchanged(dir: string, write: readonly EmittedFile[]): boolean {
  return write.every((f) => readIfExists(join(dir, f.path)) === f.content);
}

/** Names the code of each recorded id uses, gone and kept; undefined for older manifests. */
function namesOf<M extends Generation>(kind: KindUpdate<M>): OperationNames | undefined {
  const gone = kind.names(kind.removed);
  const kept = kind.names(kind.recorded.filter((id) => !kind.removed.includes(id)));
  return gone && kept ? { gone, kept } : undefined;
}
