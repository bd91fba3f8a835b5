import { isObject } from "../openapi/pointer.js";
import { resourceWord, singular } from "../openapi/records.js";
import { componentName, resolve, successResponse } from "../openapi/schema.js";
import type { AnalysedOperation } from "../openapi/select.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import { fieldHints, hintsFromSample } from "./field-hints.js";
import { suggestMapping } from "./mapping.js";
import { identifierWords, safeIdentifier, uniqueIn } from "./names.js";
import { detectPagination } from "./pagination.js";
import { parameterModels } from "./parameters.js";
import { recordFields, sampleFields } from "./record-fields.js";
import { sampleRecord } from "./sample.js";
import type { OperationModel, RecordField, Rename } from "./types.js";

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
  const recordName = recordNameFor(op.operationId, op.path, schemaName, taken, renames);
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
    mapping: {},
    sample,
    sampleSource: source,
  };
  const item = recordItem(doc, a);
  const hints = fieldHints(doc, item);
  model.fieldHints = hints.length > 0 || source === "schema" ? hints : hintsFromSample(sample);
  const resource = identifierWords(resourceWord(op.path)).map((w) => singular(w.toLowerCase()));
  const subject = [
    ...identifierWords(recordName).map((w) => singular(w.toLowerCase())),
    ...resource,
  ];
  model.mapping = suggestMapping(a.recordKind, fieldsOf(doc, item, sample), sample, subject);
  if (a.recordKind !== "asset" && a.recordKind !== "risk" && resource.length > 0)
    model.mapping.attributeName = resource.join("-");
  if (op.summary !== undefined) model.summary = op.summary;
  const body = requestBodyInfo(doc, op.node.requestBody);
  if (body) model.requestBody = body;
  if (records.item && schemaName) model.recordSchemaRef = records.item.pointer;
  return model;
}

/** One record's schema: the list's item, or the response of a single-record call. */
export function recordItem(doc: OpenAPIV3Document, a: AnalysedOperation) {
  return a.records.item ?? (a.records.isList ? undefined : successResponse(doc, a.op)?.schema);
}

/** The record's fields from its schema, or from its sample when the schema names none. */
export function fieldsOf(
  doc: OpenAPIV3Document,
  item: Parameters<typeof recordFields>[1],
  sample: unknown,
): RecordField[] {
  const fields = recordFields(doc, item);
  return fields.length > 0 ? fields : sampleFields(sample);
}

function requestBodyInfo(doc: OpenAPIV3Document, raw: unknown): OperationModel["requestBody"] {
  const body = raw === undefined ? undefined : resolve(doc, raw, "#")?.node;
  if (!body) return undefined;
  const types = isObject(body.content) ? Object.keys(body.content) : [];
  const contentType = types.find((t) => /[/+]json\b/i.test(t)) ?? types[0] ?? "application/json";
  return { contentType, required: body.required === true };
}

/**
 * The stem of transform names (`toRepoAsset`): the resource in the path, in the record schema's
 * casing when they agree; on a collision the schema name, then the operation id, then a number.
 */
function recordNameFor(
  operationId: string,
  path: string,
  schemaName: string | undefined,
  taken: Taken,
  renames: Rename[],
): string {
  const resource = singular(resourceWord(path));
  const flat = (s: string): string => identifierWords(s).join("").toLowerCase();
  const fromSchema = schemaName
    ? safeIdentifier(schemaName, "pascal", "Record").identifier
    : undefined;
  const fromResource = safeIdentifier(resource, "pascal", "Record").identifier;
  const first = fromSchema && flat(fromSchema) === flat(resource) ? fromSchema : fromResource;
  const choices = [
    first,
    fromSchema,
    safeIdentifier(operationId, "pascal", "Record").identifier,
  ].filter((c): c is string => c !== undefined);
  const free = choices.find((c) => !taken.records.has(c));
  if (free) {
    taken.records.add(free);
    if (free !== first)
      renames.push({
        kind: "record",
        from: first,
        to: free,
        reason: `${operationId}: "${first}" is taken by another operation`,
      });
    return free;
  }
  const numbered = uniqueIn(first, taken.records);
  renames.push({
    kind: "record",
    from: first,
    to: numbered,
    reason: `${operationId}: "${first}" is taken by another operation`,
  });
  return numbered;
}
