import { analyseOperations } from "../openapi/select.js";
import type { LoadedSpec } from "../openapi/types.js";
import { operationModel } from "./operation.js";
import type { BodyPath, Pagination, RecordKind } from "./types.js";

export interface ListDescription {
  operationId: string;
  method: string;
  path: string;
  recordKind: RecordKind;
  recordsPath: BodyPath;
  pagination: Pagination;
}

/** Pagination, records and kind of every list operation, for `capkit doctor`. */
export function describeListOperations(spec: LoadedSpec): ListDescription[] {
  const taken = { methods: new Set<string>(), records: new Set<string>() };
  return analyseOperations(spec.document)
    .filter((a) => a.records.isList)
    .map((a) => {
      const model = operationModel(spec.document, a, taken, []);
      return {
        operationId: model.operationId,
        method: model.method,
        path: model.path,
        recordKind: model.recordKind,
        recordsPath: model.recordsPath,
        pagination: model.pagination,
      };
    });
}
