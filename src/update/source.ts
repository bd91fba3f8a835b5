/**
 * The spec an update reads: `--spec` when given, else the source the manifest recorded (a path is
 * relative to the integration folder). A source that is gone or no longer parses is the loader's
 * own error, told as what it is here: the recorded spec, and how to point elsewhere.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { CapkitError, isCapkitError } from "../errors.js";
import { recordedSource, resolveRecordedSource } from "../generate/spec-source.js";
import { loadSpec } from "../openapi/index.js";
import type { LoadedSpec } from "../openapi/types.js";
import type { AnyManifest } from "./manifest.js";

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
  manifest: AnyManifest,
  options: SourceOptions,
): Promise<UpdateSource> {
  const given = options.spec;
  const location = given ?? locateRecorded(manifest.spec.source, dir, options.cwd);
  try {
    const spec = await loadSpec(location, {
      cwd: options.cwd,
      ...(options.specHeader ? { header: options.specHeader } : {}),
      ...(options.allowRemoteRefs ? { allowRemoteRefs: true } : {}),
    });
    // a source found the old way is recorded the current way from now on
    const recorded =
      given || location !== resolveRecordedSource(manifest.spec.source, dir)
        ? recordedSource(given ?? location, dir, options.cwd).source
        : manifest.spec.source;
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

/**
 * The recorded source on disk. Manifests written before sources were recorded relative to the
 * integration folder hold the path as typed, relative to the directory capkit ran in, which is
 * usually one the folder sits in: when the path is not found from the folder, its ancestors (and
 * the current directory) are tried, nearest first.
 */
export function locateRecorded(recorded: string, dir: string, cwd: string): string {
  const primary = resolveRecordedSource(recorded, dir);
  if (/^https?:\/\//i.test(recorded) || isAbsolute(recorded) || existsSync(primary)) return primary;
  const bases: string[] = [];
  for (let here = dirname(resolve(dir)); !bases.includes(here); here = dirname(here))
    bases.push(here);
  for (const base of [...bases, resolve(cwd)]) {
    const candidate = resolve(base, recorded);
    if (existsSync(candidate)) return candidate;
  }
  return primary;
}
