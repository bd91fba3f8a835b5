/**
 * `capkit update --check`, the nightly drift check: fetch the spec, compare it with the one the
 * integration was generated from, report, write nothing. Also the first half of every update.
 */
import type { LoadedSpec, OpenAPIV3Document } from "../openapi/types.js";
import { readSnapshot } from "./base-store.js";
import { compareSpecs } from "./diff/compare.js";
import type { ChangeReport } from "./diff/report.js";
import { type Manifest, readManifest } from "./manifest.js";
import { loadUpdateSource, type SourceOptions } from "./source.js";

export interface Drift {
  manifest: Manifest;
  spec: LoadedSpec;
  recorded: string;
  report: ChangeReport;
}

export async function checkDrift(dir: string, options: SourceOptions): Promise<Drift> {
  const loaded = await loadDrift(dir, options);
  return { ...loaded, report: compareDrift(loaded) };
}

export interface LoadedDrift {
  manifest: Manifest;
  snapshot: OpenAPIV3Document | undefined;
  spec: LoadedSpec;
  recorded: string;
}

export async function loadDrift(dir: string, options: SourceOptions): Promise<LoadedDrift> {
  const manifest = readManifest(dir);
  const snapshot = readSnapshot(dir);
  const { spec, recorded } = await loadUpdateSource(dir, manifest, options);
  return { manifest, snapshot, spec, recorded };
}

export function compareDrift({ manifest, snapshot, spec }: LoadedDrift): ChangeReport {
  const info = spec.document.info;
  const report: ChangeReport = {
    from: {
      title: manifest.spec.title,
      version: manifest.spec.version,
      sha256: manifest.spec.sha256,
    },
    to: { title: String(info.title ?? ""), version: String(info.version ?? ""), sha256: spec.hash },
    operations: manifest.operations,
    // the same bytes cannot differ: the fast path of a nightly run over many integrations
    changes:
      snapshot && spec.hash !== manifest.spec.sha256
        ? compareSpecs(snapshot, spec.document, manifest.operations)
        : [],
  };
  if (!snapshot) report.snapshotMissing = true;
  return report;
}
