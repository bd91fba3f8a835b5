import { CapkitError } from "../errors.js";
import { indexOperations, type OperationRef } from "../openapi/operations.js";
import { isObject } from "../openapi/pointer.js";
import { parametersOf } from "../openapi/schema.js";
import { type AnalysedOperation, analyseOperations } from "../openapi/select.js";
import type { LoadedSpec, OpenAPIV3Document } from "../openapi/types.js";
import type { OperationModel, Pagination, ValidationCall } from "./types.js";

/** Identity endpoints, best first (design §4): cheap, side-effect free, and they prove the key works. */
const IDENTITY = ["me", "user", "self", "whoami", "introspect"];

/** Needs nothing but the credentials: no required parameter, no required body. */
function callableBare(doc: OpenAPIV3Document, op: OperationRef): boolean {
  if (op.method !== "get" && op.method !== "post") return false;
  if (
    op.method === "post" &&
    (!isObject(op.node.requestBody) || op.node.requestBody.required === true)
  ) {
    return false;
  }
  return !parametersOf(doc, op).some((p) => p.required && p.in !== "header");
}

/** The identity operation of the document, if it has one. Non-deprecated and shorter paths first. */
export function identityOperation(
  doc: OpenAPIV3Document,
): { op: OperationRef; word: string } | undefined {
  const found = indexOperations(doc)
    .operations.map((op, order) => {
      const word = op.path.split("/").filter(Boolean).pop()?.toLowerCase() ?? "";
      return { op, order, word, rank: IDENTITY.indexOf(word) };
    })
    .filter((c) => c.rank !== -1 && callableBare(doc, c.op))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        Number(a.op.node.deprecated === true) - Number(b.op.node.deprecated === true) ||
        (a.op.method === "get" ? 0 : 1) - (b.op.method === "get" ? 0 : 1) ||
        a.op.path.length - b.op.path.length ||
        a.order - b.order,
    )[0];
  return found && { op: found.op, word: found.word };
}

/** The page-size parameter a list call sets to 1. */
export function pageSizeParam(pagination: Pagination): string | undefined {
  switch (pagination.style) {
    case "page":
      return pagination.perPageParam;
    case "offset":
      return pagination.limitParam;
    case "none":
      return undefined;
    default:
      return pagination.limitParam;
  }
}

export interface ValidationChoice {
  validation: ValidationCall;
  /** The operation behind the call when it is not among the selected ones. */
  extra: AnalysedOperation | undefined;
  extraOperations: OperationModel[];
}

/**
 * The `validateCredentials` call (design §4), best first: an identity endpoint; a selected list
 * call that needs nothing but credentials, with one record per page; any such list call in the
 * document; the first selected list call (its path parameters must then come from the config).
 */
export function chooseValidation(
  spec: LoadedSpec,
  selected: AnalysedOperation[],
  operations: OperationModel[],
  model: (a: AnalysedOperation) => OperationModel,
): ValidationChoice {
  const doc = spec.document;
  const identity = identityOperation(doc);
  if (identity) {
    const reason = `${identity.op.method.toUpperCase()} ${identity.op.path} (identity endpoint)`;
    return withExtra(spec, selected, identity.op, reason, model);
  }
  const bare = operations.find(
    (o, i) => o.isList && selected[i] && callableBare(doc, selected[i].op),
  );
  if (bare) return listCall(bare, "first list operation that needs only credentials, page size 1");
  const elsewhere = analyseOperations(doc).find(
    (a) => a.records.isList && a.op.method === "get" && callableBare(doc, a.op),
  );
  if (elsewhere) {
    const choice = withExtra(
      spec,
      selected,
      elsewhere.op,
      "list operation that needs only credentials, page size 1",
      model,
    );
    const size = choice.extraOperations[0]
      ? pageSizeParam(choice.extraOperations[0].pagination)
      : undefined;
    if (size) choice.validation.pageSizeParam = size;
    return choice;
  }
  const list = operations.find((o) => o.isList) ?? operations[0];
  if (!list)
    throw new CapkitError(
      "MODEL_NO_OPERATIONS",
      `${spec.source} has nothing to read (#/paths): no GET operation, and no POST that reads JSON records (named list, search, query, get, describe, is…), so no operation was selected. Name the operations to use with --operations.`,
      { source: spec.source, where: "#/paths" },
    );
  return listCall(
    list,
    list.isList
      ? "first list operation, page size 1"
      : "first selected operation (no identity or list call)",
  );
}

function listCall(op: OperationModel, reason: string): ValidationChoice {
  const validation: ValidationCall = { operationId: op.operationId, reason };
  const size = pageSizeParam(op.pagination);
  if (size) validation.pageSizeParam = size;
  return { validation, extra: undefined, extraOperations: [] };
}

function withExtra(
  spec: LoadedSpec,
  selected: AnalysedOperation[],
  op: OperationRef,
  reason: string,
  model: (a: AnalysedOperation) => OperationModel,
): ValidationChoice {
  const validation = { operationId: op.operationId, reason };
  if (selected.some((a) => a.op === op))
    return { validation, extra: undefined, extraOperations: [] };
  const extra = analyseOperations(spec.document).find((a) => a.op === op);
  return { validation, extra, extraOperations: extra ? [model(extra)] : [] };
}
