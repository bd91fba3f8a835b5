/**
 * The view the templates render: every spec-derived string is already a literal or comment text
 * here, so templates only place pieces.
 */
import type { IntegrationModel, OperationModel, ParameterModel } from "../model/types.js";
import { pageSizeParam } from "../model/validation-call.js";
import { bodyPathLiteral, strategyProperties } from "./client/pagination-code.js";
import { invokeRequest, requiredParams, testRequest } from "./client/request-code.js";
import { mappedFields } from "./hand/variants.js";
import { type FileNames, importPath, kindClass, operationNames } from "./names.js";
import { commentText, propertyKey, stringLiteral } from "./safe-text.js";
import { conformSample, slimSample } from "./samples/conform-sample.js";
import { deref, flattenObject, recordSchema } from "./types/record-schema.js";
import { zodFields } from "./types/zod-schema.js";

const TS_TYPE: Record<string, string> = {
  integer: "number",
  number: "number",
  boolean: "boolean",
  array: "Array<string | number | boolean>",
  object: "Record<string, unknown>",
};

// Every object inherits these, so a parameter of that name typed `string` would reject `{}`.
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

function paramType(p: ParameterModel): string {
  return INHERITED.has(p.name) ? "unknown" : (TS_TYPE[p.type] ?? "string");
}

function paramGroup(params: ParameterModel[], where: ParameterModel["in"]) {
  const list = params.filter((p) => p.in === where);
  const fields = list.map(
    (p) => `${propertyKey(p.name)}${p.required ? "" : "?"}: ${paramType(p)};`,
  );
  return { list, fields, required: list.some((p) => p.required) };
}

function requestView(op: OperationModel) {
  const query = paramGroup(op.parameters, "query");
  const path = paramGroup(op.parameters, "path");
  const header = paramGroup(op.parameters, "header");
  const groups = [
    { name: "path", ...path },
    { name: "query", ...query },
    { name: "header", ...header },
  ].filter((g) => g.list.length > 0);
  const bodyRequired = op.requestBody?.required === true;
  const lines = groups.flatMap((g) => [
    `${g.name}${g.required ? "" : "?"}: {`,
    ...g.fields.map((f) => `  ${f}`),
    "};",
  ]);
  if (op.requestBody) lines.push(`body${bodyRequired ? "" : "?"}: Record<string, unknown>;`);
  const required = groups.some((g) => g.required) || bodyRequired;
  return {
    lines,
    required,
    any: lines.length > 0,
    hasQuery: query.list.length > 0,
    hasPath: path.list.length > 0,
    hasHeader: header.list.length > 0,
    hasBody: Boolean(op.requestBody),
  };
}

/** The openapi-fetch init object: `{ params: { … }, body }`, from the request's groups. */
function initCode(
  req: ReturnType<typeof requestView>,
  paged: boolean,
  cursorInBody: boolean,
): string {
  const params: string[] = [];
  if (req.hasPath) params.push("path: request.path");
  if (paged && !cursorInBody)
    params.push(`query: { ${req.hasQuery ? "...request.query, " : ""}...step.params }`);
  else if (req.hasQuery) params.push("query: request.query");
  if (req.hasHeader) params.push("header: request.header");
  const parts = params.length > 0 ? [`params: { ${params.join(", ")} }`] : [];
  if (paged && cursorInBody)
    parts.push(`body: { ${req.hasBody ? "...request.body, " : ""}...step.params }`);
  else if (req.hasBody) parts.push("body: request.body");
  return parts.length > 0 ? `{ ${parts.join(", ")} }` : "{}";
}

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
  const request = requestView(op);
  const derefNode = (node: unknown) => deref(model.document, node);
  const schema = recordSchema(model, op);
  const flat = flattenObject(model.document, schema);
  const sample = slimSample(
    conformSample(model.document, schema, op.sample, derefNode),
    mappedFields(op).map((f) => f.path),
  );
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
    req: request,
    recordName: op.recordName,
    tag: op.tag,
    requestOptional: !request.required,
    strategy: strategyProperties(op.pagination, "options.pageSize ?? DEFAULT_PAGE_SIZE"),
    paged: op.isList && p.style !== "none",
    cursorInBody: p.style === "cursor" && p.cursorIn === "body",
    pagedInit: initCode(request, true, p.style === "cursor" && p.cursorIn === "body"),
    singleInit: initCode(request, false, false),
    sizeParam: sizeParam ? stringLiteral(sizeParam) : "",
    recordsPath: bodyPathLiteral(op.recordsPath),
    zodFields: zodFields(model.document, schema, derefNode),
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
