/**
 * The spec an update reads: `--spec` when given, else the source the manifest recorded (a path is
 * relative to the integration folder). A source that is gone or no longer parses is the loader's
 * own error, told as what it is here: the recorded spec, and how to point elsewhere.
 */
import { join } from "node:path";
import { CapkitError, isCapkitError } from "../errors.js";
import { recordedSource, resolveRecordedSource } from "../generate/spec-source.js";
import { loadSpec } from "../openapi/index.js";
import type { LoadedSpec } from "../openapi/types.js";
import type { Manifest } from "./manifest.js";

export interface SourceOptions {
  spec?: string;
  cwd: string;
  specHeader?: string;
  allowRemoteRefs?: boolean;
}

export interface UpdateSource {
  spec: LoadedSpec;
  /** What the manifest records from now on. */
  recorded: string;
}

export async function loadUpdateSource(
  dir: string,
  manifest: Manifest,
  options: SourceOptions,
): Promise<UpdateSource> {
  const given = options.spec;
  const location = given ?? resolveRecordedSource(manifest.spec.source, dir);
  try {
    const spec = await loadSpec(location, {
      cwd: options.cwd,
      ...(options.specHeader ? { header: options.specHeader } : {}),
      ...(options.allowRemoteRefs ? { allowRemoteRefs: true } : {}),
    });
    const recorded = given ? recordedSource(given, dir, options.cwd).source : manifest.spec.source;
    return { spec, recorded };
  } catch (error) {
    if (!isCapkitError(error) || given) throw error;
    throw new CapkitError(
      error.code,
      `The spec recorded in ${join(dir, ".capkit.json")} (${manifest.spec.source}) could not be loaded: ${error.message} Fix it, or pass --spec <path|url> to read the spec from elsewhere; nothing was written.`,
      {
        ...(error.source ? { source: error.source } : {}),
        ...(error.where ? { where: error.where } : {}),
        exitCode: error.exitCode,
        cause: error,
      },
    );
  }
}
