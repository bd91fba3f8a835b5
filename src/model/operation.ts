import { isObject } from "../openapi/pointer.js";
import { readOnlyReason } from "../openapi/read-only.js";
import { resourceWord } from "../openapi/records.js";
import { componentName, resolve, successResponse } from "../openapi/schema.js";
import type { AnalysedOperation } from "../openapi/select.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import { singularName } from "../shared/singular.js";
import { fieldHints, hintsFromSample } from "./field-hints.js";
import { minimalBody } from "./minimal-body.js";
import { safeIdentifier, uniqueIn } from "./names.js";
import { detectPagination } from "./pagination.js";
import { parameterModels } from "./parameters.js";
import { sampleRecord } from "./sample.js";
import type { OperationModel, Rename } from "./types.js";

/** Names already handed out in this model: methods and record stems are unique across operations. */
export interface Taken {
  methods: Set<string>;
  records: Set<string>;
}

/** One operation of the integration: names, parameters, records, pagination, kind, hints, sample. */
export function operationModel(
  doc: OpenAPIV3Document,
  a: AnalysedOperation,
  taken: Taken,
  renames: Rename[],
): OperationModel {
  const { op, records } = a;
  const safe = safeIdentifier(op.operationId, "camel", "operation");
  const methodName = uniqueIn(safe.identifier, taken.methods);
  if (safe.reason || methodName !== safe.identifier) {
    renames.push({
      kind: "method",
      from: op.operationId,
      to: methodName,
      reason:
        methodName !== safe.identifier
          ? "collides with another operation's method name"
          : (safe.reason ?? ""),
    });
  }
  const schemaName = records.item ? componentName(records.item.pointer) : undefined;
  // a single-record call is named after the schema it answers with (`/me` answers a `User`)
  const single = records.isList ? undefined : successResponse(doc, op)?.schema;
  const recordName = recordNameFor(
    op.operationId,
    op.path,
    schemaName ?? (single ? componentName(single.pointer) : undefined),
    taken,
    renames,
  );
  const { models: parameters, params } = parameterModels(doc, op, renames);
  const response = successResponse(doc, op);
  const pagination = records.isList
    ? detectPagination({ doc, op, query: params.filter((p) => p.in === "query"), response })
    : ({ style: "none" } as const);
  const { sample, source } = sampleRecord(
    doc,
    response,
    records.recordsPath,
    records.isList,
    records.item,
  );
  const model: OperationModel = {
    operationId: op.operationId,
    methodName,
    recordName,
    method: op.method,
    path: op.path,
    tag: op.tag,
    parameters,
    response: { status: response?.status ?? "default", contentType: response?.contentType ?? "" },
    isList: records.isList,
    recordsPath: records.recordsPath,
    pagination,
    recordKind: a.recordKind,
    fieldHints: [],
    sample,
    sampleSource: source,
  };
  const hints = fieldHints(doc, records.item ?? (records.isList ? undefined : response?.schema));
  model.fieldHints = hints.length > 0 || source === "schema" ? hints : hintsFromSample(sample);
  if (op.summary !== undefined) model.summary = op.summary;
  const readOnly =
    readOnlyReason(op) ??
    (op.method === "post" && records.isList ? "it lists records through POST" : undefined);
  if (readOnly) model.readOnly = readOnly;
  const body = requestBodyInfo(doc, op.node.requestBody);
  if (body) {
    const least = minimalBody(doc, op);
    model.requestBody = least === undefined ? body : { ...body, minimal: least };
  }
  if (records.item && schemaName) model.recordSchemaRef = records.item.pointer;
  return model;
}

function requestBodyInfo(doc: OpenAPIV3Document, raw: unknown): OperationModel["requestBody"] {
  const body = raw === undefined ? undefined : resolve(doc, raw, "#")?.node;
  if (!body) return undefined;
  const types = isObject(body.content) ? Object.keys(body.content) : [];
  const contentType = types.find((t) => /[/+]json\b/i.test(t)) ?? types[0] ?? "application/json";
  return { contentType, required: body.required === true };
}

/** Names that generators give schemas they had to invent (`inline_response_200`): no record name. */
const INVENTED = /^(inline|response|body|request)(?=[_\d-]|$)|_\d+$/i;

const pascal = (text: string) => safeIdentifier(text, "pascal", "Record").identifier;

/** The collection a path is scoped by: `organizations` in `/organizations/{id}/devices`. */
function scopeWord(path: string): string | undefined {
  const before = path.slice(0, Math.max(0, path.indexOf("{")));
  return before.split("/").filter(Boolean).pop();
}

/**
 * The stem of record and transform names (`DeviceStatusRecord`, `toDeviceStatusAsset`): the
 * record schema's own name, else the resource in the path, singular either way. Only when two
 * records would take one name is the later one renamed, and reported: by its scope first
 * (`OrganizationDevice`), then by its operation id, then with a number.
 */
function recordNameFor(
  operationId: string,
  path: string,
  schemaName: string | undefined,
  taken: Taken,
  renames: Rename[],
): string {
  const named = schemaName && !INVENTED.test(schemaName) ? schemaName : undefined;
  const first = pascal(singularName(named ?? (resourceWord(path) || operationId)));
  const scope = scopeWord(path);
  const choices = [
    first,
    ...(scope ? [pascal(singularName(scope)) + first] : []),
    pascal(operationId),
  ];
  const name = choices.find((c) => !taken.records.has(c)) ?? uniqueIn(first, taken.records);
  taken.records.add(name);
  if (name !== first)
    renames.push({
      kind: "record",
      from: first,
      to: name,
      reason: `${operationId}: another selected operation's records are already called "${first}"`,
    });
  return name;
}
