/**
 * update: a new version of the spec into an existing integration of either kind. The manifest
 * says which (a pull integration's operations, a receiver's webhook events); kinds/ builds the
 * models of each, and apply.ts does what both share.
 */
import { join, resolve } from "node:path";
import { sha256 } from "../emit/manifest.js";
import { startTypesWorker, type TypesPartsFn } from "../emit/types/in-worker.js";
import { CapkitError } from "../errors.js";
import { listOperations } from "../openapi/select.js";
import { listWebhooks, type WebhookSummary } from "../openapi/select-webhooks.js";
import type { LoadedSpec, OperationSummary } from "../openapi/types.js";
import type { Covering } from "../verify/typecheck.js";
import { type ApplyOptions, applyUpdate, readIfExists, type UpdateResult } from "./apply.js";
import { loadDrift } from "./check.js";
import { pullUpdate } from "./kinds/pull.js";
import { receiverUpdate } from "./kinds/receiver.js";
import { type AnyManifest, isReceiver, readManifest } from "./manifest.js";
import type { SourceOptions } from "./source.js";

export type { UpdateResult } from "./apply.js";

export interface UpdateOptions extends SourceOptions, ApplyOptions {
  dir: string;
  /** Operation ids, `GET /path` patterns or tags to bring into a pull integration. */
  addOperations?: string[];
  /** Asked, when no operations are given, which of the spec's other list operations to add. */
  pickOperations?: (candidates: OperationSummary[]) => Promise<string[]>;
  /** Webhook event ids, `*` patterns or tags to bring into a receiver. */
  addEvents?: string[];
  /** Asked, when no events are given, which of the spec's other webhook events to add. */
  pickEvents?: (candidates: WebhookSummary[]) => Promise<string[]>;
  /** Overwrite generated files that were edited by hand. */
  force?: boolean;
}

export async function update(options: UpdateOptions): Promise<UpdateResult> {
  const dir = resolve(options.cwd, options.dir);
  const recorded = readManifest(dir);
  assertAdditionsFit(recorded, options);
  if (!options.force) assertGeneratedUntouched(dir, recorded);
  // Started first, so that loading TypeScript overlaps with loading the spec (pull kind only).
  const types = isReceiver(recorded) ? undefined : startTypesWorker();
  // Verification's slowest question (does a host tsconfig cover the folder?) is asked at once, so
  // that it is answered by the time the files are written; dropped if the update writes nothing.
  const early =
    options.verify !== false && !options.dryRun
      ? (await import("./early-covering.js")).startCovering(dir)
      : undefined;
  try {
    return await updateWith(dir, recorded, types, early?.covering, options);
  } finally {
    early?.cancel();
  }
}

async function updateWith(
  dir: string,
  recorded: AnyManifest,
  types: TypesPartsFn | undefined,
  covering: Covering | undefined,
  options: UpdateOptions,
): Promise<UpdateResult> {
  options.onProgress?.(`Loading ${recorded.spec.source}`);
  const loaded = await loadDrift(dir, options);
  const { manifest, spec, snapshot } = loaded;
  const add = isReceiver(manifest)
    ? options.addEvents?.length
      ? options.addEvents
      : await (options.pickEvents?.(eventCandidates(spec, manifest.events)) ?? [])
    : options.addOperations?.length
      ? options.addOperations
      : await (options.pickOperations?.(operationCandidates(spec, manifest.operations)) ?? []);
  return isReceiver(manifest)
    ? await applyUpdate(
        dir,
        loaded,
        receiverUpdate(spec, manifest, snapshot, add),
        options,
        covering,
      )
    : await applyUpdate(
        dir,
        loaded,
        pullUpdate(spec, manifest, snapshot, add, types ?? startTypesWorker()),
        options,
        covering,
      );
}

/** The spec's list operations the integration does not have, the likely sources first. */
function operationCandidates(spec: LoadedSpec, have: readonly string[]): OperationSummary[] {
  return listOperations(spec)
    .filter((op) => op.isList && !have.includes(op.operationId))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}

/** The spec's webhook events the receiver does not handle, the likely sources first. */
function eventCandidates(spec: LoadedSpec, have: readonly string[]): WebhookSummary[] {
  return listWebhooks(spec)
    .filter((e) => !have.includes(e.eventId))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}

/** Operations go into a pull integration, events into a receiver: the other way is a usage error. */
function assertAdditionsFit(manifest: AnyManifest, options: UpdateOptions): void {
  const receiver = isReceiver(manifest);
  const wrong = receiver ? options.addOperations : options.addEvents;
  if (!wrong?.length) return;
  const flag = receiver ? "--add-operations" : "--add-events";
  throw new CapkitError(
    "UPDATE_WRONG_KIND",
    receiver
      ? `${options.dir} is a webhook receiver: it handles events, not API operations, so --add-operations has nothing to add them to. Add events with --add-events (ids, "*" patterns or tags); nothing was written.`
      : `${options.dir} is a pull integration: it calls API operations and receives no webhook events, so --add-events has nothing to add them to. Add operations with --add-operations, or generate a receiver with \`capkit generate --events …\`; nothing was written.`,
    { source: flag, exitCode: 2 },
  );
}

/** A generated file edited by hand would lose the edit: refuse, naming it, until `--force`. */
export function assertGeneratedUntouched(dir: string, manifest: AnyManifest): void {
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
