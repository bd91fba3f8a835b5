import { CapkitError } from "../errors.js";
import type { RecordKind } from "../model/types.js";
import { closest } from "./closest.js";
import { compareOperations, indexOperations, type OperationRef } from "./operations.js";
import { readOnlyReason } from "./read-only.js";
import { recordKind } from "./record-kind.js";
import { findRecords, type RecordsInfo } from "./records.js";
import { componentName } from "./schema.js";
import { rankSources } from "./source-rank.js";
import type { LoadedSpec, OpenAPIV3Document, OperationSummary } from "./types.js";

/** How many operations the default selection takes (issue 3, item 2). */
export const DEFAULT_SELECTION_SIZE = 5;

export interface AnalysedOperation {
  op: OperationRef;
  records: RecordsInfo;
  recordKind: RecordKind;
}

const cache = new WeakMap<object, AnalysedOperation[]>();
const one = new WeakMap<OperationRef, AnalysedOperation>();

/** One operation's list-ness and record kind; cached, so listing and selecting share the work. */
export function analyseOperation(document: OpenAPIV3Document, op: OperationRef): AnalysedOperation {
  const cached = one.get(op);
  if (cached) return cached;
  const records = findRecords(document, op);
  const schema = records.item ? componentName(records.item.pointer) : undefined;
  // a plain GET gets a kind too: doctor shows it, and a fallback selection is made of them
  const kind =
    records.isList || op.method === "get" || readOnlyReason(op)
      ? recordKind(op.path, schema, op.tag, op.operationId)
      : "none";
  const analysed = { op, records, recordKind: kind };
  one.set(op, analysed);
  return analysed;
}

/** Operations in the stable order: by tag, then path, then method. */
function sortedOperations(document: OpenAPIV3Document): OperationRef[] {
  return [...indexOperations(document).operations].sort(compareOperations);
}

/** Every operation with its list-ness and record kind, in the stable order. Cached per document. */
export function analyseOperations(document: OpenAPIV3Document): AnalysedOperation[] {
  const cached = cache.get(document);
  if (cached) return cached;
  const analysed = sortedOperations(document).map((op) => analyseOperation(document, op));
  cache.set(document, analysed);
  return analysed;
}

const isGet = (a: AnalysedOperation) => a.op.method === "get";
const isSource = (a: AnalysedOperation) => a.recordKind === "asset" || a.recordKind === "risk";

/**
 * Tiers, best first: GET lists of assets or risks, any GET list, then (a document with no GET
 * list, like 1Password's events API) read-only POST lists, then any GET, then any read-only POST.
 * Within a tier `rankSources` orders them: security findings first, then the ones callable with
 * the fewest ids, paged before unpaged.
 */
const TIERS: ((a: AnalysedOperation) => boolean)[] = [
  (a) => a.records.isList && isGet(a) && isSource(a),
  (a) => a.records.isList && isGet(a),
  (a) => a.records.isList && isSource(a),
  (a) => a.records.isList,
  (a) => isGet(a),
  (a) => readOnlyReason(a.op) !== undefined,
];

export function defaultSelection(document: OpenAPIV3Document): AnalysedOperation[] {
  const all = analyseOperations(document);
  for (const keep of TIERS) {
    const chosen = rankSources(all, keep, DEFAULT_SELECTION_SIZE);
    if (chosen.length > 0) return chosen;
  }
  return [];
}

function summarise(a: AnalysedOperation, defaults: Set<OperationRef>): OperationSummary {
  const summary: OperationSummary = {
    operationId: a.op.operationId,
    method: a.op.method,
    path: a.op.path,
    tag: a.op.tag,
    isList: a.records.isList,
    recordKind: a.recordKind,
    isDefault: defaults.has(a.op),
  };
  if (a.op.summary !== undefined) summary.summary = a.op.summary;
  return summary;
}

/** Every operation, by tag, then path, then method; the default selection is marked. */
export function listOperations(spec: LoadedSpec): OperationSummary[] {
  const defaults = new Set(defaultSelection(spec.document).map((a) => a.op));
  return analyseOperations(spec.document).map((a) => summarise(a, defaults));
}

const normalisePath = (path: string): string =>
  path.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "");

/** Operations for ids, tags or `"GET /path"` patterns, in the order asked; none asked ⇒ the default. */
export function selectAnalysed(
  spec: LoadedSpec,
  selection: { operations?: string[]; tags?: string[] },
): AnalysedOperation[] {
  const wanted = [...(selection.operations ?? []), ...(selection.tags ?? [])]
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.length === 0) return defaultSelection(spec.document);
  // explicit selections analyse only what they hit: a 1,200-operation document stays fast
  const all = sortedOperations(spec.document);
  const out: AnalysedOperation[] = [];
  for (const token of wanted) {
    const hits = match(all, token);
    if (hits.length === 0) throw unknown(spec, all, token);
    for (const hit of hits) {
      const analysed = analyseOperation(spec.document, hit);
      if (!out.includes(analysed)) out.push(analysed);
    }
  }
  return out;
}

export function selectOperations(
  spec: LoadedSpec,
  selection: { operations?: string[]; tags?: string[] },
): OperationSummary[] {
  const defaults = new Set(defaultSelection(spec.document).map((a) => a.op));
  return selectAnalysed(spec, selection).map((a) => summarise(a, defaults));
}

function match(all: OperationRef[], token: string): OperationRef[] {
  const exact = all.filter((a) => a.operationId === token || a.declaredId === token);
  if (exact.length > 0) return exact.slice(0, 1);
  const route = /^([A-Za-z]+)\s+(\/.*)$/.exec(token);
  if (route) {
    const method = route[1]?.toLowerCase();
    const path = normalisePath(route[2] ?? "");
    return all.filter((a) => a.method === method && normalisePath(a.path) === path);
  }
  const lower = token.toLowerCase();
  const tagged = all.filter((a) => a.tag.toLowerCase() === lower);
  if (tagged.length > 0) return tagged;
  return all.filter((a) => a.operationId.toLowerCase() === lower).slice(0, 1);
}

function unknown(spec: LoadedSpec, all: OperationRef[], token: string): CapkitError {
  const candidates = [
    ...all.map((a) => a.operationId),
    ...new Set(all.map((a) => a.tag)),
    ...(token.includes("/") && token.includes(" ")
      ? all.map((a) => `${a.method.toUpperCase()} ${a.path}`)
      : []),
  ];
  const near = closest(token, candidates);
  return new CapkitError(
    "SPEC_UNKNOWN_OPERATION",
    `${spec.source} has no operation or tag ${JSON.stringify(token)} (#/paths). Closest matches: ${near.map((n) => JSON.stringify(n)).join(", ") || "none"}. Run \`capkit doctor ${spec.source}\` to list them all.`,
    { source: spec.source, where: "#/paths", exitCode: 2 },
  );
}
