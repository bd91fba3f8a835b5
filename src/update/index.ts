/**
 * update: a new version of the spec into an existing integration. Generated files are rewritten
 * with the recorded options; hand-owned files are merged (merge base → new generation, onto the
 * engineer's copy) and receive the added operations through their syntax tree; the manifest, the
 * merge bases and the spec snapshot move on; then tsc and the tests say what the new types broke.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { EmittedFile } from "../emit/context.js";
import { emitIntegration } from "../emit/index.js";
import { sha256 } from "../emit/manifest.js";
import { startTypesWorker } from "../emit/types/in-worker.js";
import { CapkitError } from "../errors.js";
import { formattedSnapshot } from "../generate/finish.js";
import { formatFiles } from "../generate/format.js";
import { type PlannedFile, planFiles, writeFiles } from "../generate/write.js";
import { listOperations } from "../openapi/select.js";
import type { LoadedSpec, OperationSummary } from "../openapi/types.js";
import type { Verification } from "../verify/index.js";
import { VERSION } from "../version.js";
import { baseFiles } from "./base-store.js";
import { compareDrift, type Drift, loadDrift } from "./check.js";
import { type CompileError, compileErrors } from "./compile-errors.js";
import { handGenerations } from "./generations.js";
import { type HandFileResult, updateHandFile } from "./hand-file.js";
import { type Manifest, readManifest } from "./manifest.js";
import { mergeBases, type OperationNames } from "./merge-base.js";
import { updateModels } from "./model.js";
import type { SourceOptions } from "./source.js";

export interface UpdateOptions extends SourceOptions {
  dir: string;
  /** Operation ids, `GET /path` patterns or tags to bring into the integration. */
  addOperations?: string[];
  /** Asked, when no operations are given, which of the spec's other list operations to add. */
  pickOperations?: (candidates: OperationSummary[]) => Promise<string[]>;
  dryRun?: boolean;
  /** Overwrite generated files that were edited by hand. */
  force?: boolean;
  /** Type-check and run the tests after writing (default true). */
  verify?: boolean;
  onProgress?: (message: string) => void;
}

export interface UpdateResult {
  dir: string;
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

export async function update(options: UpdateOptions): Promise<UpdateResult> {
  const dir = resolve(options.cwd, options.dir);
  const progress = options.onProgress ?? (() => {});
  const manifest = readManifest(dir);
  if (!options.force) assertGeneratedUntouched(dir, manifest);
  const types = startTypesWorker();
  progress(`Loading ${manifest.spec.source}`);
  const loaded = await loadDrift(dir, options);
  const snapshotDoc = loaded.snapshot;
  const add = options.addOperations?.length
    ? options.addOperations
    : await (options.pickOperations?.(candidates(loaded.spec, manifest)) ?? []);
  const models = updateModels(loaded.spec, manifest, snapshotDoc, add);
  const source = loaded.recorded;
  const full = { ...models.full, source };
  const snapshot = formattedSnapshot(full.document);
  progress(`Emitting ${full.operations.length} operation(s)`);
  const emitting = emitIntegration(full, { format: formatFiles, typesParts: types });
  // compared while the types worker and Biome run
  const drift: Drift = { ...loaded, report: compareDrift(loaded) };
  const files = await emitting;
  const handPaths = files.filter((f) => f.owner === "hand").map((f) => f.path);
  const removed = models.removed.length > 0;
  const gens = await handGenerations(models, files, manifest, snapshotDoc);
  const bases = await mergeBases(
    dir,
    handPaths,
    gens,
    removed,
    operationNames(manifest, models.removed),
  );
  const labels = {
    ours: "yours",
    base: `capkit ${manifest.capkit} from ${manifest.spec.title} ${manifest.spec.version}`,
    theirs: `capkit ${VERSION} from ${full.title} ${full.version}`,
  };
  const insert =
    models.added.length > 0 ? (await import("./insert.js")).insertAdditions : undefined;
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
    drift,
    added: models.added,
    removed: models.removed,
    renamed: [...models.renamed],
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
  result.verification = await verifyIntegration(dir, options.cwd);
  result.compileErrors = await compileErrors(
    result.verification.build.output,
    new Map(hand.map((h) => [h.path, h.content])),
  );
  return result;
}

/** The spec's list operations the integration does not have, the likely sources first. */
function candidates(spec: LoadedSpec, manifest: Manifest): OperationSummary[] {
  return listOperations(spec)
    .filter((op) => op.isList && !manifest.operations.includes(op.operationId))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** The store's files are not in the plan (they are bookkeeping), so compare them here. */
function storeUnchanged(dir: string, write: readonly EmittedFile[]): boolean {
  return write.every((f) => readIfExists(join(dir, f.path)) === f.content);
}

/** Names the code of each operation uses, gone and kept; undefined for older manifests. */
function operationNames(
  manifest: Manifest,
  removed: readonly string[],
): OperationNames | undefined {
  const names = manifest.names;
  if (!names) return undefined;
  const of = (ids: readonly string[]) =>
    new Set(
      ids.flatMap((id) => {
        const n = names[id];
        if (!n) return [];
        return Object.entries(n)
          .filter(([key, value]) => key !== "record" && typeof value === "string")
          .map(([, value]) => String(value));
      }),
    );
  return {
    gone: of(removed),
    kept: of(manifest.operations.filter((id) => !removed.includes(id))),
  };
}

/** A generated file edited by hand would lose the edit: refuse, naming it, until `--force`. */
export function assertGeneratedUntouched(dir: string, manifest: Manifest): void {
  const edited = Object.entries(manifest.files)
    .filter(([, f]) => f.owner === "generated")
    .filter(([path, f]) => {
      const text = readIfExists(join(dir, path));
      return text !== undefined && sha256(text) !== f.sha256;
    })
    .map(([path]) => path);
  if (edited.length === 0) return;
  throw new CapkitError(
    "GENERATED_EDITED",
    `${edited.map((p) => join(dir, p)).join(", ")} ${edited.length > 1 ? "were" : "was"} edited by hand (the sha256 differs from ${join(dir, ".capkit.json")}); capkit update rewrites generated files, so the edit would be lost. Move the change into a hand-owned file (main or transform) and revert it, or pass --force to overwrite it. Nothing was written.`,
    { source: join(dir, edited[0] ?? ""), exitCode: 1 },
  );
}
