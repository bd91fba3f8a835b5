/**
 * emit for the receiver kind: receiver model → its files in memory (main, transform, test by
 * template; types and samples generated; the manifest last). Pure and deterministic.
 */
import type { ReceiverModel } from "../../model/types.js";
import { VERSION } from "../../version.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { lineCount } from "../pack.js";
import { identifier } from "../safe-text.js";
import { emitReceiverGenerated } from "./generated.js";
import { emitReceiverHand } from "./hand.js";
import { receiverManifest } from "./manifest.js";
import { eventView } from "./view.js";

/** Under the linter's warning threshold (350), as the pull kind. */
const RECEIVER_LINE_BUDGET = 340;

export interface ReceiverEmitOptions extends Partial<EmitContext> {
  format?: (files: EmittedFile[]) => Promise<EmittedFile[]>;
}

export async function emitReceiver(
  model: ReceiverModel,
  options: ReceiverEmitOptions = {},
): Promise<EmittedFile[]> {
  const ctx: EmitContext = {
    version: options.version ?? VERSION,
    lineBudget: options.lineBudget ?? RECEIVER_LINE_BUDGET,
  };
  if (!/^[a-z][a-z0-9-]*$/.test(model.service))
    throw new Error(`capkit: unsafe service name ${JSON.stringify(model.service)}`);
  identifier(model.className);
  if (model.events.length === 0) throw new Error("capkit: a receiver needs at least one event");
  const views = model.events.map((event) => eventView(model, event));
  const render = async (budget: number) => {
    const local = { ...ctx, lineBudget: budget };
    const files = [
      ...emitReceiverHand(model, views, local),
      ...emitReceiverGenerated(model, views, local),
    ];
    return options.format ? options.format(files) : files;
  };
  // formatting breaks long lines: plan again, tighter, when a packed file grew past the budget
  let budget = ctx.lineBudget - 20;
  let files = await render(budget);
  const longest = Math.max(
    ...files.filter((f) => f.owner === "generated").map((f) => lineCount(f.content)),
  );
  if (longest > ctx.lineBudget) {
    budget = Math.floor((budget * ctx.lineBudget) / longest) - 5;
    files = await render(budget);
  }
  const record = receiverManifest(model, files, ctx);
  const [formatted] = options.format ? await options.format([record]) : [record];
  return [...files, formatted ?? record];
}
