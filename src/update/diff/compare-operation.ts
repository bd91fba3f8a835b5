/**
 * One operation of the integration in the recorded spec and in the new one: where it lives, its
 * parameters, request body, success response, how it pages and where its records sit.
 */
import { detectPagination } from "../../model/pagination.js";
import type { Pagination } from "../../model/types.js";
import type { OperationRef } from "../../openapi/operations.js";
import { type Param, parametersOf, successResponse } from "../../openapi/schema.js";
import { analyseOperation } from "../../openapi/select.js";
import type { OpenAPIV3Document } from "../../openapi/types.js";
import type { ChangeSink } from "./change.js";
import { compareField, compareFields } from "./compare-fields.js";
import { type FieldInfo, flattenSchema, ROOT } from "./fields.js";
import { requestBodyOf } from "./request-body.js";

export interface Side {
  doc: OpenAPIV3Document;
  op: OperationRef;
}

const route = (op: OperationRef) => `${op.method.toUpperCase()} ${op.path}`;

export function compareOperation(old: Side, next: Side, report: ChangeSink): void {
  if (route(old.op) !== route(next.op)) {
    report({
      id: "api-path-changed",
      breaking: true,
      where: "operation",
      message: `moved from ${route(old.op)} to ${route(next.op)}: the deployed client calls the old one`,
    });
  }
  if (next.op.node.deprecated === true && old.op.node.deprecated !== true) {
    report({
      id: "api-deprecated",
      breaking: false,
      where: "operation",
      message: "is now deprecated: the vendor may remove it",
    });
  }
  compareParameters(old, next, report);
  compareRequestBody(old, next, report);
  compareResponse(old, next, report);
  compareReading(old, next, report);
}

function paramInfo(doc: OpenAPIV3Document, p: Param): FieldInfo {
  const info = flattenSchema(doc, { node: p.schema, pointer: `${p.pointer}/schema` }).get(ROOT);
  return { ...(info ?? { type: "any", nullable: false }), required: p.required };
}

function compareParameters(oldSide: Side, nextSide: Side, report: ChangeSink): void {
  const old = parametersOf(oldSide.doc, oldSide.op);
  const next = parametersOf(nextSide.doc, nextSide.op);
  const key = (p: Param) => `${p.in}:${p.name}`;
  const nextByKey = new Map(next.map((p) => [key(p), p]));
  const oldKeys = new Set(old.map(key));
  const gone = old.filter((p) => !nextByKey.has(key(p)));
  const fresh = next.filter((p) => !oldKeys.has(key(p)));
  for (const before of old) {
    const after = nextByKey.get(key(before));
    const where = `${before.in} parameter ${before.name}`;
    if (after) {
      compareField(
        paramInfo(oldSide.doc, before),
        paramInfo(nextSide.doc, after),
        "request",
        where,
        before.name,
        report,
      );
      continue;
    }
    // the one parameter that left and the one that came, in the same place: a rename
    const sameIn = (list: Param[]) => list.filter((p) => p.in === before.in);
    const [renamedTo] = sameIn(fresh);
    if (sameIn(gone).length === 1 && sameIn(fresh).length === 1 && renamedTo) {
      fresh.splice(fresh.indexOf(renamedTo), 1);
      report({
        id: "request-parameter-renamed",
        breaking: true,
        where,
        message: `${before.in} parameter ${before.name} renamed to ${renamedTo.name}`,
      });
      continue;
    }
    report({
      id: "request-parameter-removed",
      breaking: true,
      where,
      message: `${before.in} parameter ${before.name} was removed`,
    });
  }
  for (const p of fresh) {
    report({
      id: p.required ? "new-required-request-parameter" : "new-optional-request-parameter",
      breaking: p.required,
      where: `${p.in} parameter ${p.name}`,
      message: `new ${p.required ? "required" : "optional"} ${p.in} parameter ${p.name}`,
    });
  }
}

function compareRequestBody(old: Side, next: Side, report: ChangeSink): void {
  const before = requestBodyOf(old.doc, old.op);
  const after = requestBodyOf(next.doc, next.op);
  if (!before && !after) return;
  if (!after) {
    report({
      id: "request-body-removed",
      breaking: true,
      where: "request body",
      message: "the request body was removed",
    });
    return;
  }
  if (!before || (!before.required && after.required)) {
    report({
      id: before ? "request-body-became-required" : "request-body-added",
      breaking: after.required,
      where: "request body",
      message: before ? "the request body became required" : "a request body was added",
    });
    if (!before) return;
  }
  if (before.schema && after.schema) {
    compareFields(
      flattenSchema(old.doc, before.schema),
      flattenSchema(next.doc, after.schema),
      "request",
      "request body",
      report,
    );
  }
}

function compareResponse(old: Side, next: Side, report: ChangeSink): void {
  const before = successResponse(old.doc, old.op);
  const after = successResponse(next.doc, next.op);
  if (!before) return;
  if (!after || after.status !== before.status) {
    report({
      id: "response-success-status-removed",
      breaking: true,
      where: `response ${before.status}`,
      message: after
        ? `answers ${after.status} instead of ${before.status}`
        : `no longer declares a success response (was ${before.status})`,
    });
  }
  if (!after || !before.schema || !after.schema) return;
  compareFields(
    flattenSchema(old.doc, before.schema),
    flattenSchema(next.doc, after.schema),
    "response",
    `response ${after.status}`,
    report,
  );
}

/** What the generated client depends on beyond the schema: how it pages, where records sit. */
function compareReading(old: Side, next: Side, report: ChangeSink): void {
  const before = readingOf(old);
  const after = readingOf(next);
  if (JSON.stringify(before.pagination) !== JSON.stringify(after.pagination)) {
    report({
      id: "pagination-changed",
      breaking: true,
      where: "pagination",
      message: `pages ${describePaging(after.pagination)} instead of ${describePaging(before.pagination)}: the deployed client pages the old way`,
    });
  }
  const path = (r: Reading) => r.recordsPath.join(".") || "(body)";
  if (before.isList && after.isList && path(before) !== path(after)) {
    report({
      id: "records-path-changed",
      breaking: true,
      where: "records",
      message: `records sit at ${path(after)} instead of ${path(before)}`,
    });
  }
}

interface Reading {
  isList: boolean;
  recordsPath: string[];
  pagination: Pagination;
}

/** The model's own detection (records.ts, pagination.ts), without the rest of the model. */
function readingOf(side: Side): Reading {
  const { records } = analyseOperation(side.doc, side.op);
  const query = parametersOf(side.doc, side.op).filter((p) => p.in === "query");
  const pagination: Pagination = records.isList
    ? detectPagination({
        doc: side.doc,
        op: side.op,
        query,
        response: successResponse(side.doc, side.op),
      })
    : { style: "none" };
  return { isList: records.isList, recordsPath: records.recordsPath, pagination };
}

function describePaging(p: Pagination): string {
  const fields = Object.entries(p)
    .filter(([k]) => k !== "style")
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(".") : String(v)}`);
  return fields.length > 0 ? `by ${p.style} (${fields.join(", ")})` : `by ${p.style}`;
}
