/**
 * The integration model for `capkit update`, from the new spec and the recorded options: the
 * operations that are still there (an operation found again under a new id keeps its place), the
 * ones to add, the recorded record kinds, one-page overrides, credential check and auth kind, and
 * the recorded names, so hand-written code that calls `toHostAsset` keeps finding it.
 */
import { CapkitError } from "../errors.js";
import { buildModel } from "../model/index.js";
import type { IntegrationModel } from "../model/types.js";
import { indexOperations, type OperationRef } from "../openapi/operations.js";
import { selectOperations } from "../openapi/select.js";
import type { LoadedSpec, OpenAPIV3Document } from "../openapi/types.js";
import type { Manifest } from "./manifest.js";

export interface UpdateModels {
  /** The operations the integration had that the spec still has, plus the added ones. */
  full: IntegrationModel;
  /** The same, without the added operations: what the hand-owned files are merged towards. */
  common: IntegrationModel;
  /** Recorded ids that left the spec. */
  removed: string[];
  /** Recorded id → the id the same route has now. */
  renamed: Map<string, string>;
  added: string[];
}

const routeOf = (op: OperationRef) => `${op.method.toUpperCase()} ${op.path}`;

export function updateModels(
  spec: LoadedSpec,
  manifest: Manifest,
  snapshot: OpenAPIV3Document | undefined,
  addOperations: readonly string[],
): UpdateModels {
  const now = indexOperations(spec.document).operations;
  const ids = new Set(now.map((op) => op.operationId));
  const byRoute = new Map(now.map((op) => [routeOf(op), op.operationId]));
  const oldRoutes = new Map(
    snapshot ? indexOperations(snapshot).operations.map((op) => [op.operationId, routeOf(op)]) : [],
  );
  const kept: string[] = [];
  const removed: string[] = [];
  const renamed = new Map<string, string>();
  for (const id of manifest.operations) {
    const moved = byRoute.get(oldRoutes.get(id) ?? "");
    if (ids.has(id)) kept.push(id);
    else if (moved && !manifest.operations.includes(moved)) {
      renamed.set(id, moved);
      kept.push(moved);
    } else removed.push(id);
  }
  const added = addOperations.length
    ? selectOperations(spec, { operations: [...addOperations] })
        .map((op) => op.operationId)
        .filter((id) => !kept.includes(id))
    : [];
  if (kept.length + added.length === 0) {
    throw new CapkitError(
      "UPDATE_NO_OPERATIONS",
      `None of the integration's operations (${manifest.operations.join(", ")}) is in ${spec.source} any more, and none was added. Nothing was written; add operations with --add-operations, or generate a new integration.`,
      { source: spec.source, where: "#/paths", exitCode: 1 },
    );
  }
  const full = recordedModel(spec, manifest, [...kept, ...added], renamed);
  const common: IntegrationModel = {
    ...full,
    operations: full.operations.filter((op) => kept.includes(op.operationId)),
  };
  return { full, common, removed, renamed, added };
}

/** A model of these operations with the options and names the manifest records. */
export function recordedModel(
  spec: LoadedSpec,
  manifest: Manifest,
  operations: string[],
  renamed: ReadonlyMap<string, string> = new Map(),
): IntegrationModel {
  const model = buildModel(spec, {
    name: manifest.service,
    operations,
    auth: manifest.options.auth,
  });
  applyRecorded(model, manifest, renamed);
  return model;
}

/**
 * The recorded spec as a loaded one: the integration as capkit would generate it today from the
 * spec it was generated from (the merge base, minus operations that left, is derived from it).
 */
export function snapshotModel(
  snapshot: OpenAPIV3Document,
  manifest: Manifest,
  operations: string[],
): IntegrationModel | undefined {
  const spec: LoadedSpec = {
    source: manifest.spec.source,
    hash: manifest.spec.sha256,
    document: snapshot,
    openapi: String(snapshot.openapi ?? ""),
    converted: false,
    warnings: [],
  };
  try {
    return recordedModel(spec, manifest, operations);
  } catch {
    // a snapshot this capkit cannot model (hand-edited, or from an odd spec): no structural base
    return undefined;
  }
}

function applyRecorded(
  model: IntegrationModel,
  manifest: Manifest,
  renamed: ReadonlyMap<string, string>,
): void {
  const { options } = manifest;
  const recordedId = (id: string) => [...renamed].find(([, to]) => to === id)?.[0] ?? id;
  const taken = { methods: new Set<string>(), records: new Set<string>() };
  const fresh = [];
  for (const op of model.operations) {
    const id = recordedId(op.operationId);
    const names = manifest.names?.[id];
    if (!manifest.operations.includes(id)) {
      fresh.push(op);
      continue;
    }
    const kind = options.recordKinds[id];
    if (kind) op.recordKind = kind;
    if (options.pagination[id] === "none") op.pagination = { style: "none" };
    if (names) {
      op.methodName = names.method;
      op.recordName = names.record;
    }
    taken.methods.add(op.methodName);
    taken.records.add(op.recordName);
  }
  // an added operation must not take a name the recorded ones kept
  for (const op of fresh) {
    op.methodName = unique(op.methodName, taken.methods);
    op.recordName = unique(op.recordName, taken.records);
  }
  const all = [...model.operations, ...model.extraOperations];
  const wanted = renamed.get(options.validation) ?? options.validation;
  const validation = all.find((op) => op.operationId === wanted);
  if (validation && validation.operationId !== model.validation.operationId) {
    model.validation = {
      operationId: validation.operationId,
      reason: `${validation.method.toUpperCase()} ${validation.path} (recorded)`,
    };
  }
}

function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}${n}`;
  taken.add(candidate);
  return candidate;
}
