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
import { formatFiles } from "./format.js";
import { nameFromTitle } from "./index.js";
import { loadFor } from "./load-for.js";
import { checkOutputFolder, type PlannedFile, planFiles, writeFiles } from "./write.js";

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
  const files = await emitReceiver(model, { format: formatFiles });
  const planned = planFiles(outDir, files, options.dryRun === true);
  if (options.dryRun) return { kind: "receiver", outDir, model, files: planned, written: false };
  writeFiles(outDir, files);
  progress(`Wrote ${files.length} files to ${relative(cwd, outDir) || "."}`);
  if (options.verify === false)
    return { kind: "receiver", outDir, model, files: planned, written: true };
  progress("Verifying: tsc --noEmit and the new tests");
  const { verifyIntegration } = await import("../verify/index.js");
  const verification = await verifyIntegration(outDir, cwd);
  return { kind: "receiver", outDir, model, files: planned, written: true, verification };
}
