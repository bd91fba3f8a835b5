import { indexOperations, type OperationRef } from "../spec/operations.js";
import { isObject } from "../spec/pointer.js";
import { parametersOf } from "../spec/schema.js";
import type { OpenAPIV3Document } from "../spec/types.js";
import type { Pagination } from "./types.js";

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
