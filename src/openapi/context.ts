import { CapkitError } from "../errors.js";
import type { LoadOptions, ProgressEvent } from "./types.js";

/** Load options with their defaults applied once, at the entry point. */
export interface LoadContext {
  header: { name: string; value: string } | undefined;
  allowRemoteRefs: boolean;
  timeoutMs: number;
  maxBytes: number;
  onProgress: (event: ProgressEvent) => void;
  cwd: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** GitHub's description is ~13 MB; 50 MB leaves room without letting a hostile server fill memory. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export function createLoadContext(options: LoadOptions = {}): LoadContext {
  const header = options.header ?? process.env.CAPKIT_SPEC_HEADER;
  return {
    header: header ? parseHeader(header) : undefined,
    allowRemoteRefs: options.allowRemoteRefs ?? false,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    onProgress: options.onProgress ?? (() => {}),
    cwd: options.cwd ?? process.cwd(),
  };
}

function parseHeader(text: string): { name: string; value: string } {
  const colon = text.indexOf(":");
  const name = colon > 0 ? text.slice(0, colon).trim() : "";
  const value = text.slice(colon + 1).trim();
  // the value is a secret: never echo it back in the message
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n]/.test(value)) {
    throw new CapkitError(
      "SPEC_BAD_HEADER",
      "The spec header (--spec-header or CAPKIT_SPEC_HEADER) must look like `Name: value`, with a token for the name and no line breaks in the value.",
      { exitCode: 2 },
    );
  }
  return { name, value };
}
