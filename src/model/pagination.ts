import type { OperationRef } from "../openapi/operations.js";
import { isObject, type JsonObject, join, type Located } from "../openapi/pointer.js";
import { bodyCursorName } from "../openapi/records.js";
import {
  allPropertyNames,
  type Param,
  propertiesOf,
  requestBodySchema,
  resolve,
  type SuccessResponse,
  schemaType,
} from "../openapi/schema.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import type { BodyPath, Pagination } from "./types.js";

const LIMIT =
  /^(per_?page|page_?size|limit|size|count|max_?results|max|top|\$top|first|page\[size\]|page\[limit\])$/i;
const PAGE = /^(page|page_?number|page\[number\])$/i;
const OFFSET = /^(offset|skip|start|\$skip|page\[offset\])$/i;
const CURSOR =
  /^(cursor|after|next_?cursor|starting_?after|page_?token|next_?token|marker|continuation_?token|page\[after\]|page\[cursor\])$/i;
const NEXT_CURSOR =
  /^(next_?cursor|cursor|next_?page_?token|next_?token|end_?cursor|after|next_?marker|continuation_?token|starting_?after)$/i;
const HAS_MORE = /^(has_?more|has_?next_?page|has_?next|more|more_?results)$/i;
const NEXT_URL = /^(next|next_?url|next_?link|next_?page_?url|next_?page|@odata\.nextLink)$/i;
const TOTAL_PAGES = /^(total_?pages|page_?count|pages|last_?page)$/i;
const TOTAL = /^(total|total_?count|total_?results|count|total_?items)$/i;

export interface PaginationInput {
  doc: OpenAPIV3Document;
  op: OperationRef;
  query: Param[];
  response: SuccessResponse | undefined;
}

/** A path to a property whose name matches, breadth-first so the shallowest wins (depth ≤ 3). */
export function findPath(
  doc: OpenAPIV3Document,
  schema: Located<JsonObject> | undefined,
  name: RegExp,
  accept: (prop: JsonObject, path: BodyPath) => boolean = () => true,
): BodyPath | undefined {
  if (!schema) return undefined;
  let level: { schema: Located<JsonObject>; path: BodyPath }[] = [{ schema, path: [] }];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { schema: s, path } of level) {
      for (const [key, prop] of allPropertyNames(doc, s)) {
        const here = [...path, key];
        if (name.test(key) && accept(prop.node, here)) return here;
        // composed schemas (`anyOf` of link shapes, as DigitalOcean writes) have no `type`
        const t = schemaType(prop.node);
        if (t === "object" || (t === undefined && !isScalarComposition(prop.node)))
          next.push({ schema: prop, path: here });
      }
    }
    level = next;
  }
  return undefined;
}

/** A `oneOf`/`anyOf` body with a branch of the cursor alone and a branch without it (1Password). */
function cursorAlone(doc: OpenAPIV3Document, body: Located<JsonObject>, cursor: string): boolean {
  const key = Array.isArray(body.node.oneOf) ? "oneOf" : "anyOf";
  const list = body.node[key];
  if (!Array.isArray(list)) return false;
  const branches = list.map((raw, i) => {
    const branch = resolve(doc, raw, join(body.pointer, key, i));
    return branch ? [...propertiesOf(doc, branch).keys()] : [];
  });
  return (
    branches.some((keys) => keys.length === 1 && keys[0] === cursor) &&
    branches.some((keys) => !keys.includes(cursor))
  );
}

function isUriProperty(doc: OpenAPIV3Document, schema: Located<JsonObject>, name: string): boolean {
  const prop = allPropertyNames(doc, schema).get(name)?.node;
  return prop?.format === "uri" || prop?.format === "url" || /url|link/i.test(name);
}

const isScalarComposition = (p: JsonObject): boolean =>
  !Array.isArray(p.allOf) && !Array.isArray(p.anyOf) && !Array.isArray(p.oneOf);

const isScalar = (p: JsonObject): boolean => {
  const t = schemaType(p);
  return t === undefined || t === "string" || t === "integer" || t === "number";
};

/** Link header declared, or promised in the prose (GitHub documents it in descriptions). */
function hasLinkHeader(input: PaginationInput): boolean {
  const headers = input.response?.response.node.headers;
  if (isObject(headers) && Object.keys(headers).some((h) => h.toLowerCase() === "link"))
    return true;
  const prose = [input.op.node.description, input.response?.response.node.description].join(" ");
  return /\bLink header\b|rel="?next"?/i.test(prose);
}

/**
 * The pagination style and its stop signal (design §3, `paginate`), checked in order: body cursor
 * (POST), Link header, cursor with a next-cursor field, next-URL field, page/per_page, offset/limit.
 */
export function detectPagination(input: PaginationInput): Pagination {
  const { doc, op, query, response } = input;
  const schema = response?.schema;
  const named = (re: RegExp): string | undefined => query.find((p) => re.test(p.name))?.name;
  const limitParam = named(LIMIT);
  const withLimit = <T extends Pagination>(p: T): T => (limitParam ? { ...p, limitParam } : p);

  const bodyCursor = op.method === "post" ? bodyCursorName(doc, op) : undefined;
  if (bodyCursor) {
    const body = requestBodySchema(doc, op);
    const bodyLimit = body
      ? [...allPropertyNames(doc, body).keys()].find((n) => LIMIT.test(n))
      : undefined;
    const pagination: Pagination = {
      style: "cursor",
      cursorParam: bodyCursor,
      cursorIn: "body",
      nextCursor: findPath(doc, schema, NEXT_CURSOR, isScalar) ?? [bodyCursor],
    };
    const hasMore = findPath(doc, schema, HAS_MORE);
    if (hasMore) pagination.hasMore = hasMore;
    if (bodyLimit) pagination.limitParam = bodyLimit;
    if (body && cursorAlone(doc, body, bodyCursor)) pagination.cursorAlone = true;
    return pagination;
  }
  // a read-only POST pages like a GET when its paging parameters are in the query
  if (op.method !== "get" && op.method !== "post") return { style: "none" };
  if (hasLinkHeader(input)) return withLimit({ style: "link" });
  // Meraki pages with startingAfter/endingBefore tokens that it hands out only in the Link header
  if (named(/^startingAfter$/) && named(/^endingBefore$/)) return withLimit({ style: "link" });

  const cursorParam = named(CURSOR);
  const nextCursor = cursorParam ? findPath(doc, schema, NEXT_CURSOR, isScalar) : undefined;
  if (cursorParam && nextCursor) {
    const pagination: Pagination = { style: "cursor", cursorParam, cursorIn: "query", nextCursor };
    const hasMore = findPath(doc, schema, HAS_MORE);
    if (hasMore) pagination.hasMore = hasMore;
    return withLimit(pagination);
  }
  const nextUrl = findPath(doc, schema, NEXT_URL, (p) => {
    const t = schemaType(p);
    return t === undefined || t === "string";
  });
  // with a cursor parameter, a bare `next` string at the root is the cursor, not a URL
  const bareNext = nextUrl?.length === 1 && schema && !isUriProperty(doc, schema, nextUrl[0] ?? "");
  if (cursorParam && nextUrl && bareNext) {
    return withLimit({ style: "cursor", cursorParam, cursorIn: "query", nextCursor: nextUrl });
  }
  if (nextUrl) return withLimit({ style: "nextUrl", nextUrl });

  const pageParam = query.find((p) => PAGE.test(p.name));
  if (pageParam) {
    const zero = pageParam.schema.minimum === 0 || pageParam.schema.default === 0;
    const pagination: Pagination = {
      style: "page",
      pageParam: pageParam.name,
      firstPage: zero ? 0 : 1,
    };
    if (limitParam) pagination.perPageParam = limitParam;
    const totalPages = findPath(
      doc,
      schema,
      TOTAL_PAGES,
      (p) => schemaType(p) === "integer" || schemaType(p) === "number",
    );
    if (totalPages) pagination.totalPages = totalPages;
    return pagination;
  }
  const offsetParam = named(OFFSET);
  if (offsetParam && limitParam) {
    const pagination: Pagination = { style: "offset", offsetParam, limitParam };
    const total = findPath(
      doc,
      schema,
      TOTAL,
      (p) => schemaType(p) === "integer" || schemaType(p) === "number",
    );
    if (total) pagination.total = total;
    return pagination;
  }
  if (cursorParam) {
    // a cursor parameter with no field to feed it from: the engineer must name the field
    return withLimit({
      style: "cursor",
      cursorParam,
      cursorIn: "query",
      nextCursor: [cursorParam],
    });
  }
  return { style: "none" };
}
