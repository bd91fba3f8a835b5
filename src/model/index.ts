export { type BuildOptions, buildModel } from "./build.js";
export { describeListOperations, type ListDescription } from "./describe.js";
export { toIdentifier, validateServiceName } from "./names.js";
export type * from "./types.js";
