/**
 * The view the templates render: every spec-derived string is already a literal or comment text
 * here, so templates only place pieces.
 */
import type { IntegrationModel, OperationModel } from "../model/types.js";
import { pageSizeParam } from "../model/validation-call.js";
import { operationCode } from "./client/operation-code.js";
import { bodyPathLiteral, strategyProperties } from "./client/pagination-code.js";
import { invokeRequest, requiredParams, testRequest } from "./client/request-code.js";
import { mappedFields } from "./hand/variants.js";
import { type FileNames, importPath, kindClass, operationNames } from "./names.js";
import { commentText, stringLiteral } from "./safe-text.js";
import { conformSample } from "./samples/conform-sample.js";
import { deref, flattenObject, recordSchema } from "./types/record-schema.js";
import { NESTED_LEVELS } from "./types/record-shape.js";
import { zodFields } from "./types/zod-schema.js";

function mswPath(path: string): string {
  return path.replace(
    /\{([^}]+)\}/g,
    (_m, name: string) => `:${name.replace(/[^A-Za-z0-9_]/g, "_")}`,
  );
}

/** The path with its parameters at the tests' sample values, for next-page links in mocks. */
function concretePath(op: OperationModel): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const param = op.parameters.find((p) => p.in === "path" && p.name === name);
    return param?.type === "integer" || param?.type === "number" ? "1" : "example";
  });
}

export function operationView(model: IntegrationModel, op: OperationModel, files: FileNames) {
  const names = operationNames(op);
  const paged = op.isList && op.pagination.style !== "none";
  const code = operationCode(op, names.request, paged);
  const derefNode = (node: unknown) => deref(model.document, node);
  const schema = recordSchema(model, op);
  const flat = flattenObject(model.document, schema);
  const mapped = mappedFields(op).map((f) => f.path);
  const sample = conformSample(model.document, schema, op.sample, derefNode, mapped);
  const sizeParam = pageSizeParam(op.pagination);
  const hints = new Map(op.fieldHints.map((h) => [h.field, h.hint]));
  const fields = Object.keys(flat.properties as object).map((f) =>
    hints.has(f) ? `${f} (${hints.get(f)})` : f,
  );
  const p = op.pagination;
  return {
    ...names,
    operationId: stringLiteral(op.operationId),
    methodName: op.methodName,
    httpMethod: op.method.toUpperCase(),
    method: op.method,
    path: stringLiteral(op.path),
    pathComment: commentText(`${op.method.toUpperCase()} ${op.path}`),
    mswPath: stringLiteral(mswPath(op.path)),
    concretePath: stringLiteral(concretePath(op)),
    summary: commentText(op.summary ?? ""),
    hasSummary: Boolean(op.summary),
    isList: op.isList,
    kind: kindClass(op.recordKind),
    kindArticle:
      kindClass(op.recordKind) === "Asset" || kindClass(op.recordKind) === "Attribute"
        ? `an ${kindClass(op.recordKind)}`
        : `a ${kindClass(op.recordKind)}`,
    isAsset: op.recordKind === "asset",
    isRisk: op.recordKind === "risk",
    req: code,
    recordName: op.recordName,
    tag: op.tag,
    requestOptional: !code.required,
    strategy: strategyProperties(op.pagination, "pageSize"),
    paged,
    cursorInBody: p.style === "cursor" && p.cursorIn === "body",
    /** URL steps (next-URL and Link styles) are fetched as they are. */
    followsUrls: p.style === "nextUrl" || p.style === "link",
    sizeParam: sizeParam ? stringLiteral(sizeParam) : "",
    recordsPath: bodyPathLiteral(op.recordsPath),
    zodFields: zodFields(model.document, schema, derefNode, NESTED_LEVELS, mapped),
    sampleValue: sample,
    fieldsComment: commentText(fields.join(", "), 400),
    invokeRequest: invokeRequest(op),
    testRequest: testRequest(op),
    usesConfig: requiredParams(op).length > 0,
    style: p.style,
    nextPath: bodyPathLiteral(
      p.style === "cursor" ? p.nextCursor : p.style === "nextUrl" ? p.nextUrl : undefined,
    ),
    hasMorePath: bodyPathLiteral(p.style === "cursor" ? p.hasMore : undefined),
    hasHasMore: p.style === "cursor" && Boolean(p.hasMore),
    transformImport: importPath(files.transform),
  };
}

export type OperationView = ReturnType<typeof operationView>;
