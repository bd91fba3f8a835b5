/**
 * The request type and the openapi-fetch call of one client function, typed by the pruned `paths`
 * types: a request is the spec's own parameters (and body), never a hand-written shape, so a wrong
 * enum value or a missing required field fails to compile where the caller writes it. No casts:
 * every object handed to openapi-fetch is checked against the operation's types.
 */
import type { OperationModel } from "../../model/types.js";
import { propertyKey, stringLiteral } from "../safe-text.js";

export interface OperationCode {
  /** The operation takes parameters or a body, so its function takes a request. */
  any: boolean;
  /** The caller must pass the request (a required parameter group, or a body that needs fields). */
  required: boolean;
  /** `export type XRequest = …;` with its comment; empty when the operation takes nothing. */
  declaration: string;
  /** Statements before the call, inside the function or the page callback. */
  prelude: string[];
  /** What follows the path in `http.api.GET(path…)`: `, { params: request }`, or nothing. */
  init: string;
  /** The page size this listing sends, when the API lets the caller choose one. */
  pageSize: string | undefined;
  /** A one-line comment explaining the body the pages send, when it is not plain. */
  note: string | undefined;
}

const PLACES = ["path", "query", "header", "cookie"] as const;

/** The default page size, capped where the spec caps the page-size parameter. */
const DEFAULT_PAGE_SIZE = 100;

/** `paths["/hosts"]["get"]`: the operation's entry in the generated `paths` type. */
const operationType = (op: OperationModel) =>
  `paths[${stringLiteral(op.path)}][${stringLiteral(op.method)}]`;

/** Where the page size goes: a query or body field the strategy itself does not fill. */
function pageSizeField(op: OperationModel): string | undefined {
  const p = op.pagination;
  if (p.style === "cursor" || p.style === "nextUrl" || p.style === "link") return p.limitParam;
  return undefined;
}

/** `options.pageSize ?? DEFAULT_PAGE_SIZE`, capped by the spec's `maximum` for the parameter. */
function pageSizeExpression(op: OperationModel, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const max = op.parameters.find((p) => p.name === name)?.maximum;
  const plain = "options.pageSize ?? DEFAULT_PAGE_SIZE";
  return max !== undefined && max < DEFAULT_PAGE_SIZE ? `Math.min(${plain}, ${max})` : plain;
}

/** `limit: pageSize`, or `MaxResults: String(pageSize)` where the spec types the parameter a string. */
export function pageSizeEntry(op: OperationModel, name: string, value: string): string {
  const type = op.parameters.find((p) => p.name === name && p.in === "query")?.type;
  return `${propertyKey(name)}: ${type === "string" ? `String(${value})` : value}`;
}

/** The page-size parameter of a listing, whichever strategy uses it. */
export function pageSizeName(op: OperationModel): string | undefined {
  const p = op.pagination;
  if (p.style === "offset") return p.limitParam;
  if (p.style === "page") return p.perPageParam;
  return pageSizeField(op);
}

export function operationCode(op: OperationModel, typeName: string, paged: boolean): OperationCode {
  const root = operationType(op);
  const places = PLACES.filter((where) => op.parameters.some((p) => p.in === where));
  const hasParams = places.length > 0;
  const hasBody = op.requestBody !== undefined;
  // the body may be left out (the client sends `{}`) unless the spec requires fields in it
  const bodyOptional = hasBody && op.requestBody?.minimal === undefined;
  const parts: string[] = [];
  if (hasParams) parts.push(`${root}["parameters"]`);
  if (op.requestBody) {
    const media = stringLiteral(op.requestBody.contentType);
    const optional = bodyOptional ? "?" : "";
    parts.push(`{ body${optional}: NonNullable<${root}["requestBody"]>["content"][${media}] }`);
  }
  const declaration =
    parts.length > 0
      ? `/** What ${op.methodName} sends, as the spec types it. */\nexport type ${typeName} = ${parts.join(" & ")};`
      : "";
  const pageSize = paged ? pageSizeExpression(op, pageSizeName(op)) : undefined;
  const sizeField = paged ? pageSizeField(op) : undefined;
  const code: OperationCode = {
    any: parts.length > 0,
    required: op.parameters.some((p) => p.required) || (hasBody && !bodyOptional),
    declaration,
    prelude: [],
    init: "",
    pageSize,
    note: undefined,
  };
  const p = op.pagination;
  // a body field takes the number as it is; a query parameter as the spec types it
  const inBody = p.style === "cursor" && p.cursorIn === "body";
  const sizeEntry = !sizeField
    ? undefined
    : inBody
      ? `${propertyKey(sizeField)}: pageSize`
      : pageSizeEntry(op, sizeField, "pageSize");
  // with a body, the parameters are what is left of the request once the body is taken out
  const paramsRef = hasBody ? "params" : "request";
  const bodyRef = hasParams ? "body" : "request.body";
  if (hasParams && hasBody) code.prelude.push("const { body, ...params } = request;");
  const spreadParams = hasParams ? `...${paramsRef}, ` : "";

  if (paged && inBody) {
    return bodyPaged(code, p.cursorParam, p.cursorAlone === true, spreadParams, bodyRef, sizeEntry);
  }
  const init: string[] = [];
  const stepInQuery =
    paged &&
    ((p.style === "cursor" && p.cursorIn === "query") ||
      p.style === "offset" ||
      p.style === "page");
  if (stepInQuery || sizeEntry) {
    // the strategy's step (cursor, offset, page) and the page size join the caller's filters
    const query = [
      places.includes("query") ? `...${paramsRef}.query` : undefined,
      sizeEntry,
      stepInQuery ? "...step.params" : undefined,
    ].filter(Boolean);
    init.push(`params: { ${spreadParams}query: { ${query.join(", ")} } }`);
  } else if (hasParams) {
    init.push(paramsRef === "params" ? "params" : "params: request");
  }
  if (hasBody) init.push(`body: ${bodyOptional ? `${bodyRef} ?? {}` : bodyRef}`);
  code.init = init.length > 0 ? `, { ${init.join(", ")} }` : "";
  return code;
}

/**
 * A listing that pages through its request body. When the body is a `oneOf` with a branch that
 * holds the cursor alone, every request sends exactly one branch: the first page the caller's
 * filter (or the page size), later pages `{ cursor }` only. Otherwise the cursor joins the body.
 */
function bodyPaged(
  code: OperationCode,
  cursorParam: string,
  cursorAlone: boolean,
  spreadParams: string,
  bodyRef: string,
  sizeEntry: string | undefined,
): OperationCode {
  const params = spreadParams ? "params, " : "";
  if (cursorAlone) {
    const first = `${bodyRef} ?? { ${sizeEntry ?? ""} }`.replace("{  }", "{}");
    code.prelude.push(`const cursor = step.params[${stringLiteral(cursorParam)}];`);
    const next = `{ ${propertyKey(cursorParam)}: String(cursor) }`;
    code.init = `, { ${params}body: cursor === undefined ? ${first} : ${next} }`;
    code.note =
      "the body is one branch of its oneOf: the caller's filter first, then the cursor alone";
    return code;
  }
  const merged = [`...${bodyRef}`, sizeEntry, "...step.params"].filter(Boolean).join(", ");
  code.init = `, { ${params}body: { ${merged} } }`;
  return code;
}
