export { CapkitError, isCapkitError } from "./errors.js";
export { VERSION } from "./version.js";
