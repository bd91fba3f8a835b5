export { type BuildOptions, buildModel } from "./build.js";
export { toIdentifier, validateServiceName } from "./names.js";
export type * from "./types.js";
