import { isObject } from "../openapi/pointer.js";
import { readOnlyReason } from "../openapi/read-only.js";
import { resourceWord, singular } from "../openapi/records.js";
import { componentName, resolve, successResponse } from "../openapi/schema.js";
import type { AnalysedOperation } from "../openapi/select.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import { fieldHints, hintsFromSample } from "./field-hints.js";
import { identifierWords, safeIdentifier, uniqueIn } from "./names.js";
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
  if (body) model.requestBody = body;
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
