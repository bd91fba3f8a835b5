import type { ModelWarning } from "../model/types.js";
import { isObject, type JsonObject, join } from "./pointer.js";
import type { OpenAPIV3Document } from "./types.js";

// `trace` is left out: no integration reads records through it, and the model has no place for it
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;
export type HttpMethod = (typeof METHODS)[number];

/** One operation of the document, with the pointer it was found at. */
export interface OperationRef {
  /** Unique in the document: as written, or synthesised / suffixed (see `warnings`). */
  operationId: string;
  /** The id the spec writes, when it writes one. */
  declaredId: string | undefined;
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string | undefined;
  node: JsonObject;
  pathItem: JsonObject;
  pointer: string;
}

export interface OperationIndex {
  operations: OperationRef[];
  warnings: ModelWarning[];
}

const cache = new WeakMap<object, OperationIndex>();

/** Every operation in document order, ids made unique deterministically. Cached per document. */
export function indexOperations(document: OpenAPIV3Document): OperationIndex {
  const cached = cache.get(document);
  if (cached) return cached;
  const operations: OperationRef[] = [];
  const warnings: ModelWarning[] = [];
  const counts = new Map<string, number>();
  const found: Omit<OperationRef, "operationId">[] = [];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    if (!isObject(pathItem)) continue;
    for (const method of METHODS) {
      const node = pathItem[method];
      if (!isObject(node)) continue;
      const declared =
        typeof node.operationId === "string" && node.operationId.trim() !== ""
          ? node.operationId
          : undefined;
      if (declared) counts.set(declared, (counts.get(declared) ?? 0) + 1);
      const tags = Array.isArray(node.tags)
        ? node.tags.filter((t): t is string => typeof t === "string")
        : [];
      found.push({
        declaredId: declared,
        method,
        path,
        tag: tags[0] ?? "default",
        summary: typeof node.summary === "string" ? node.summary : undefined,
        node,
        pathItem,
        pointer: join("#", "paths", path, method),
      });
    }
  }
  const taken = new Set<string>(counts.keys());
  const seen = new Set<string>();
  for (const op of found) {
    let id = op.declaredId;
    if (id === undefined) {
      id = unique(synthesiseId(op.method, op.path), taken);
      warnings.push({
        code: "MISSING_OPERATION_ID",
        message: `${op.method.toUpperCase()} ${op.path} has no operationId; using "${id}".`,
        pointer: op.pointer,
      });
    } else if (seen.has(id)) {
      const renamed = unique(`${id}_${op.method}`, taken);
      warnings.push({
        code: "DUPLICATE_OPERATION_ID",
        message: `operationId "${id}" is used more than once; ${op.method.toUpperCase()} ${op.path} becomes "${renamed}".`,
        pointer: join(op.pointer, "operationId"),
      });
      id = renamed;
    }
    seen.add(id);
    operations.push({ ...op, operationId: id });
  }
  const index = { operations, warnings };
  cache.set(document, index);
  return index;
}

function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

/** `get /hosts/{id}/ports` → `get-hosts-id-ports`: readable, and stable across runs. */
function synthesiseId(method: string, path: string): string {
  const words = path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  return [method, ...words].join("-");
}

/** Stable order for pickers and listings: by tag, then path, then method. */
export function compareOperations(a: OperationRef, b: OperationRef): number {
  return (
    cmp(a.tag, b.tag) ||
    cmp(a.path, b.path) ||
    METHODS.indexOf(a.method) - METHODS.indexOf(b.method)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
