/**
 * generateReceiver: the pipeline for the receiver kind, beside `generate()` for the pull kind:
 * load → receiver model → emit → format → write (all or nothing) → verify.
 */
import { relative, resolve } from "node:path";
import { emitReceiver } from "../emit/webhook/index.js";
import { buildReceiverModel } from "../model/receiver.js";
import type { ReceiverModel } from "../model/types.js";
import type { LoadedSpec } from "../openapi/index.js";
import type { Verification } from "../verify/index.js";
import { settleFiles } from "./finish.js";
import { formatFiles } from "./format.js";
import { nameFromTitle } from "./index.js";
import { loadFor } from "./load-for.js";
import { recordedSource } from "./spec-source.js";
import { checkOutputFolder, type PlannedFile, writeFiles } from "./write.js";

export interface ReceiverGenerateOptions {
  spec: string;
  name?: string;
  /** Event ids, `*` patterns or tags; empty means the default selection. */
  events?: string[];
  /** Signature preset; default: detected from the events' headers. */
  signature?: string;
  /** Default `integrations/<name>-webhook`: a folder (and a manifest) of its own. */
  out?: string;
  force?: boolean;
  /** With `force`: write the new generation of a hand-owned file you changed as `<file>.capkit-new`. */
  writeConflicts?: boolean;
  dryRun?: boolean;
  verify?: boolean;
  cwd?: string;
  specHeader?: string;
  allowRemoteRefs?: boolean;
  loaded?: LoadedSpec;
  onProgress?: (message: string) => void;
}

export interface ReceiverResult {
  kind: "receiver";
  outDir: string;
  model: ReceiverModel;
  files: PlannedFile[];
  written: boolean;
  verification?: Verification;
}

export const receiverFolder = (name: string) => `integrations/${name}-webhook`;

export async function generateReceiver(options: ReceiverGenerateOptions): Promise<ReceiverResult> {
  const cwd = options.cwd ?? process.cwd();
  const progress = options.onProgress ?? (() => {});
  if (options.name && !options.dryRun) {
    checkOutputFolder(
      resolve(cwd, options.out ?? receiverFolder(options.name)),
      options.force === true,
    );
  }
  progress(`Loading ${options.spec}`);
  const spec = await loadFor(options, cwd);
  const name = options.name ?? nameFromTitle(String(spec.document.info?.title ?? ""));
  const outDir = resolve(cwd, options.out ?? receiverFolder(name));
  if (!options.dryRun) checkOutputFolder(outDir, options.force === true);
  progress("Building the receiver model");
  const model = buildReceiverModel(spec, {
    name,
    ...(options.events?.length ? { events: options.events } : {}),
    ...(options.signature ? { signature: options.signature } : {}),
  });
  progress(`Emitting ${model.events.length} event(s)`);
  // The manifest records the spec relative to the integration folder, and no credential of a URL.
  const recorded = { ...model, source: recordedSource(options.spec, outDir, cwd).source };
  const { write, planned, emitted } = await settleFiles(
    outDir,
    recorded,
    () => emitReceiver(recorded, { format: formatFiles }),
    options,
  );
  if (options.dryRun) return { kind: "receiver", outDir, model, files: planned, written: false };
  writeFiles(outDir, write);
  progress(`Wrote ${emitted} files to ${relative(cwd, outDir) || "."}`);
  if (options.verify === false)
    return { kind: "receiver", outDir, model, files: planned, written: true };
  progress("Verifying: tsc --noEmit and the new tests");
  const { verifyIntegration } = await import("../verify/index.js");
  const verification = await verifyIntegration(outDir, cwd);
  return { kind: "receiver", outDir, model, files: planned, written: true, verification };
}
