/**
 * `.capkit.json`: what was generated from what. `capkit lint` (generated-untouched) compares the
 * hashes of `owner: "generated"` files with the files on disk or in the git index; `capkit update`
 * reads the options back, and the names each operation gave the hand-owned files (an operation
 * that leaves the spec is found in them by these names, and reported rather than deleted).
 * A hand-owned file's hash is that of the text capkit generated for it (the merge base).
 */
import { createHash } from "node:crypto";
import type { IntegrationModel } from "../model/types.js";
import type { EmitContext, EmittedFile } from "./context.js";
import { operationNames } from "./names.js";

export interface ManifestOptions {
  auth: string;
  pagination: Record<string, string>;
  validation: string;
}

export function sha256(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * `hashes` overrides the recorded hash of some files: a hand-owned file capkit did not replace
 * still derives from the text it generated before.
 */
export function manifest(
  model: IntegrationModel,
  files: EmittedFile[],
  ctx: EmitContext,
  hashes: Record<string, string> = {},
): EmittedFile {
  const sortedFiles = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const body = {
    capkit: ctx.version,
    service: model.service,
    spec: {
      source: model.source,
      sha256: model.specHash,
      title: model.title,
      version: model.version,
    },
    operations: model.operations.map((op) => op.operationId),
    names: Object.fromEntries(
      model.operations.map((op) => [
        op.operationId,
        { method: op.methodName, record: op.recordName, ...operationNames(op) },
      ]),
    ),
    options: {
      auth: model.auth.kind,
      baseUrl: model.baseUrl,
      validation: model.validation.operationId,
      pagination: Object.fromEntries(
        model.operations.map((op) => [op.operationId, op.pagination.style]),
      ),
      recordKinds: Object.fromEntries(
        model.operations.map((op) => [op.operationId, op.recordKind]),
      ),
    },
    files: Object.fromEntries(
      sortedFiles.map((f) => [
        f.path,
        {
          owner: f.owner,
          sha256: hashes[f.path] ?? sha256(f.content),
          lines: lineTotal(f.content),
        },
      ]),
    ),
  };
  return {
    path: ".capkit.json",
    content: `${JSON.stringify(body, null, 2)}\n`,
    owner: "generated",
  };
}

export function lineTotal(content: string): number {
  return content.endsWith("\n") ? content.split("\n").length - 1 : content.split("\n").length;
}
