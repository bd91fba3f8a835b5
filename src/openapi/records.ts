import { singularWord as singular } from "../shared/singular.js";
import type { OperationRef } from "./operations.js";
import { follow, isObject, type JsonObject, type Located } from "./pointer.js";
import { readOnlyReason } from "./read-only.js";
import {
  allPropertyNames,
  itemsOf,
  propertiesOf,
  requestBodySchema,
  schemaType,
  successResponse,
} from "./schema.js";
import type { OpenAPIV3Document } from "./types.js";

/** Names a paged list's array usually goes by, best first (design §4: "an object holding one"). */
const RECORD_KEYS = [
  "data",
  "items",
  "results",
  "records",
  "values",
  "resources",
  "entries",
  "nodes",
  "list",
  "objects",
  // OData and Azure: `{ "value": [...], "nextLink": "…" }`
  "value",
];
/** Properties a page carries beside its records. */
const META_KEYS =
  /^(meta|metadata|links?|_links|pagination|paging|page|pages|per_?page|page_?size|total(_?count|_?pages|_?results)?|count|size|limit|offset|next|next_?link|@?odata\.next_?link|prev(ious)?|cursor|next_?cursor|next_?(page_?)?token|(next_?)?marker|has_?more|more|incomplete_results|success|errors?|warnings?|messages?)$/i;
/** Query or body fields that only make sense on a collection. */
const PAGING_PARAMS =
  /^(page|per_?page|page_?size|limit|offset|cursor|after|before|starting_?after|ending_?before|page_?token|next_?token|marker|skip|top|\$top|\$skip)$/i;

export interface RecordsInfo {
  isList: boolean;
  /** Property names from the body root to the array; `[]` when the body is the array. */
  recordsPath: string[];
  /** Schema of one record, when known. */
  item: Located<JsonObject> | undefined;
  /** True when the list-ness comes from paging parameters, not from an array in the schema. */
  assumed: boolean;
  /** Takes paging parameters (query or body): a real collection rather than a fixed catalogue. */
  paged: boolean;
}

/** The resource an operation is about: its last literal path segment, e.g. `repos`. */
export function resourceWord(path: string): string {
  const segments = path.split("/").filter((s) => s !== "" && !s.includes("{"));
  return segments[segments.length - 1] ?? "";
}

/** Names of the query parameters, without resolving their schemas: every operation asks this. */
function queryParamNames(doc: OpenAPIV3Document, op: OperationRef): string[] {
  const names: string[] = [];
  for (const list of [op.pathItem.parameters, op.node.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = follow(doc, raw, "#")?.node;
      if (isObject(p) && p.in === "query" && typeof p.name === "string") names.push(p.name);
    }
  }
  return names;
}

/** Where an operation's records sit, and whether it is a list source at all. */
export function findRecords(doc: OpenAPIV3Document, op: OperationRef): RecordsInfo {
  const bodyCursor = op.method === "post" && hasBodyCursor(doc, op);
  const none: RecordsInfo = {
    isList: false,
    recordsPath: [],
    item: undefined,
    assumed: false,
    paged: false,
  };
  if (op.method !== "get" && !bodyCursor && !readOnlyReason(op)) return none;
  // a read through POST must answer JSON records, not a document (a PDF certificate)
  if (op.method === "post" && !/[/+]json\b/i.test(successResponse(doc, op)?.contentType ?? ""))
    return none;
  const paged =
    bodyCursor ||
    queryParamNames(doc, op).some((name) => PAGING_PARAMS.test(name)) ||
    (op.method === "post" && bodyPropertyNames(doc, op).some((name) => PAGING_PARAMS.test(name)));
  const schema = successResponse(doc, op)?.schema;
  if (schema) {
    const resource = resourceWord(op.path)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    const found = arrayIn(doc, schema, resource, 0);
    if (found)
      return { isList: true, recordsPath: found.path, item: found.item, assumed: false, paged };
  }
  // Some generated specs (GitLab's) declare one record as the response of a paged list; a path
  // ending in a parameter (`/v1/{name}`) reads one item, whatever parameters it shares
  const endsInItem = /\}\/?$/.test(op.path);
  if (paged && op.method === "get" && !endsInItem)
    return { isList: true, recordsPath: [], item: schema, assumed: true, paged };
  return none;
}

function arrayIn(
  doc: OpenAPIV3Document,
  schema: Located<JsonObject>,
  resource: string,
  depth: number,
): { path: string[]; item: Located<JsonObject> | undefined } | undefined {
  if (schemaType(schema.node) === "array") return { path: [], item: itemsOf(doc, schema) };
  if (depth > 1) return undefined;
  const props = propertiesOf(doc, schema);
  const arrays = [...props].filter(([, p]) => schemaType(p.node) === "array");
  const score = (name: string, prop: Located<JsonObject>): number => {
    const lower = name.toLowerCase().replace(/[^a-z0-9]/g, "");
    if (lower === resource || singular(lower) === singular(resource)) return 0;
    const known = RECORD_KEYS.indexOf(lower);
    if (known !== -1) return 1 + known;
    const item = itemsOf(doc, prop);
    return item && schemaType(item.node) === "object" ? 20 : 40;
  };
  const best = arrays
    .map(([name, prop]) => ({ name, prop, rank: score(name, prop) }))
    .sort((a, b) => a.rank - b.rank)[0];
  // a known name is enough; any other array must sit beside paging metadata only, or an object
  // that merely has a list-valued field (`tags`, `nameservers`) would pass for a collection
  const onlyMeta = (name: string): boolean =>
    [...props.keys()].every((k) => k === name || META_KEYS.test(k));
  if (best && (best.rank < 20 || onlyMeta(best.name)))
    return { path: [best.name], item: itemsOf(doc, best.prop) };
  // one level down: `{ data: { items: [...] } }`
  for (const key of RECORD_KEYS) {
    const inner = props.get(key);
    if (inner && schemaType(inner.node) === "object") {
      const found = arrayIn(doc, inner, resource, depth + 1);
      if (found && found.path.length > 0) return { path: [key, ...found.path], item: found.item };
    }
  }
  return undefined;
}

const BODY_CURSOR =
  /^(cursor|after|next_?cursor|starting_?after|page_?token|next_?token|continuation_?token)$/i;

function bodyPropertyNames(doc: OpenAPIV3Document, op: OperationRef): string[] {
  const schema = isObject(op.node.requestBody) ? requestBodySchema(doc, op) : undefined;
  return schema ? [...allPropertyNames(doc, schema).keys()] : [];
}

/** A POST that pages with a cursor in its body, as 1Password's events API does. */
export function hasBodyCursor(doc: OpenAPIV3Document, op: OperationRef): boolean {
  return bodyCursorName(doc, op) !== undefined;
}

export function bodyCursorName(doc: OpenAPIV3Document, op: OperationRef): string | undefined {
  if (!isObject(op.node.requestBody)) return undefined;
  const schema = requestBodySchema(doc, op);
  if (!schema) return undefined;
  return [...allPropertyNames(doc, schema).keys()].find((n) => BODY_CURSOR.test(n));
}
