export { loadSpec } from "./load.js";
export { pruneDocument } from "./prune.js";
export { listOperations, selectOperations } from "./select.js";
export type {
  LoadedSpec,
  LoadOptions,
  OpenAPIV3Document,
  OperationSummary,
  ProgressEvent,
} from "./types.js";
export { type ValidationProblem, validateDocument } from "./validate.js";
