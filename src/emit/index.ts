/**
 * emit: integration model → the files of one integration, in memory. Writing, formatting and
 * verifying happen later, so this stage is pure and its output is byte-for-byte deterministic.
 */
import type { IntegrationModel } from "../model/types.js";
import { VERSION } from "../version.js";
import { emitClient, idempotentRoutes } from "./client/emit.js";
import type { EmitContext, EmittedFile } from "./context.js";
import { emitHandFiles } from "./hand/emit.js";
import { manifest } from "./manifest.js";
import { fileNames } from "./names.js";
import { lineCount } from "./pack.js";
import { identifier } from "./safe-text.js";
import { emitSamples } from "./samples/emit.js";
import { emitTypes } from "./types/emit.js";
import type { TypesPartsFn } from "./types/in-worker.js";
import { typesParts } from "./types/parts.js";
import { operationView } from "./view.js";

export type { EmitContext, EmittedFile } from "./context.js";
export { emitReceiver, type ReceiverEmitOptions } from "./webhook/index.js";

/** Files stay under the linter's warning threshold (350), well inside the 400-line rule. */
export const DEFAULT_LINE_BUDGET = 340;

export interface EmitOptions extends Partial<EmitContext> {
  /** Applied to the files before the manifest hashes them (the CLI formats with Biome). */
  format?: (files: EmittedFile[]) => Promise<EmittedFile[]>;
  /** Computes the types; `generate()` passes one that runs in a worker thread. */
  typesParts?: TypesPartsFn;
}

function contextOf(options: EmitOptions): EmitContext {
  return {
    version: options.version ?? VERSION,
    lineBudget: options.lineBudget ?? DEFAULT_LINE_BUDGET,
    testLayout: options.testLayout ?? "auto",
  };
}

function prepare(model: IntegrationModel) {
  if (!/^[a-z][a-z0-9-]*$/.test(model.service))
    throw new Error(`capkit: unsafe service name ${JSON.stringify(model.service)}`);
  identifier(model.className);
  const files = fileNames(model);
  const names = {
    clientClass: identifier(`${model.className}Client`),
    baseUrlConst: identifier(`${model.fileBase.toUpperCase()}_BASE_URL`),
    // empty when every operation is a GET: the main file passes it to `this.http` only when set
    idempotentConst:
      idempotentRoutes(model).length > 0
        ? identifier(`${model.fileBase.toUpperCase()}_IDEMPOTENT`)
        : "",
  };
  const views = model.operations.map((op) => operationView(model, op, files));
  const extraViews = model.extraOperations.map((op) => operationView(model, op, files));
  return { files, names, views, allViews: [...views, ...extraViews] };
}

/** Only the hand-owned files (`capkit update` compares two generations of them). */
export async function emitHandOnly(
  model: IntegrationModel,
  options: EmitOptions = {},
): Promise<EmittedFile[]> {
  const { files, names, views, allViews } = prepare(model);
  const hand = emitHandFiles(model, views, allViews, files, contextOf(options), names);
  return options.format ? await options.format(hand) : hand;
}

export async function emitIntegration(
  model: IntegrationModel,
  options: EmitOptions = {},
): Promise<EmittedFile[]> {
  const ctx = contextOf(options);
  // openapi-typescript runs once (in the types worker, when there is one: started first, so that
  // it works while this thread prepares and renders the rest); only the packing of its output
  // depends on the budget.
  const parts = (options.typesParts ?? typesParts)(model, ctx.lineBudget - 30);
  parts.catch(() => {}); // awaited below; not an unhandled rejection if prepare() throws first
  const { files, names, views, allViews } = prepare(model);
  const format = (emitted: EmittedFile[]) =>
    options.format ? options.format(emitted) : Promise.resolve(emitted);
  const render = async (budget: number) => {
    const local = { ...ctx, lineBudget: budget, testBudget: ctx.lineBudget };
    // the files that do not need the types are rendered, and their formatting started, while the
    // worker computes the types
    const hand = emitHandFiles(model, views, allViews, files, local, names);
    const client = emitClient(model, allViews, local, names);
    const samples = emitSamples(model, allViews, local);
    const [formatted, formattedTypes] = await Promise.all([
      format([...hand, ...client, ...samples]),
      parts.then((ready) => format(emitTypes(model, allViews, local, ready))),
    ]);
    const at = hand.length + client.length;
    return [...formatted.slice(0, at), ...formattedTypes, ...formatted.slice(at)];
  };
  // Formatting can grow a file past the budget the packer planned for: plan again, tighter, for
  // files packed from several blocks (a single block too large cannot be helped by packing).
  // Plan with room for what the formatter adds (it breaks long lines).
  let budget = ctx.lineBudget - 20;
  let final = await render(budget);
  for (let attempt = 0; attempt < 2; attempt++) {
    const over = final.filter(
      (f) => f.owner === "generated" && lineCount(f.content) > ctx.lineBudget,
    );
    if (over.length === 0) break;
    const longest = Math.max(...over.map((f) => lineCount(f.content)));
    budget = Math.floor((budget * ctx.lineBudget) / longest) - 5;
    final = await render(budget);
  }
  const record = manifest(model, final, ctx);
  // Formatted too, so a repository that formats JSON leaves the manifest as it is.
  const [formattedRecord] = options.format ? await options.format([record]) : [record];
  return [...final, formattedRecord ?? record];
}
