import type { ModelWarning, RecordKind } from "../model/types.js";

/** A bundled, single-file OpenAPI 3.0 or 3.1 document. Loose on purpose: specs in the wild are. */
export interface OpenAPIV3Document {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  servers?: { url: string; description?: string; variables?: Record<string, unknown> }[];
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  security?: Record<string, string[]>[];
  tags?: { name: string; description?: string }[];
  [key: string]: unknown;
}

export interface ProgressEvent {
  phase: string;
  bytes?: number;
  total?: number;
}

export interface LoadOptions {
  /** `Name: value` sent with every request for the spec (private specs); also `CAPKIT_SPEC_HEADER`. */
  header?: string;
  /** Follow `$ref`s to other hosts (http/https); off by default because a spec is untrusted. */
  allowRemoteRefs?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  onProgress?: (event: ProgressEvent) => void;
  cwd?: string;
}

export interface LoadedSpec {
  /** Path or URL, query string and user-info removed. */
  source: string;
  /** SHA-256 hex of the bytes of the root document. */
  hash: string;
  document: OpenAPIV3Document;
  openapi: string;
  /** True when the source was Swagger 2.0 and was converted. */
  converted: boolean;
  warnings: ModelWarning[];
}

export interface OperationSummary {
  /** As written, or synthesised (and made unique) when missing or duplicated. */
  operationId: string;
  method: string;
  path: string;
  tag: string;
  summary?: string;
  isList: boolean;
  recordKind: RecordKind;
  /** Pre-selected in the default selection. */
  isDefault: boolean;
}
