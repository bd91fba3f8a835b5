/**
 * The receiver's generated files: `<name>_webhook_types.ts` (a lenient zod schema per event's
 * payload and the routes) and `<name>_webhook_samples.ts` (one payload per event, for the tests),
 * each split into `_2.ts`… files when over the line budget.
 */
import type { ReceiverModel } from "../../model/types.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { generatedHeader } from "../header.js";
import { importPath } from "../names.js";
import { lineCount, pack } from "../pack.js";
import { zodImport } from "../types/zod-schema.js";
import { receiverFiles } from "./names.js";
import type { EventView } from "./view.js";

function schemaBlock(view: EventView): string {
  return [
    `/** The ${view.eventComment} payload. Lenient: unknown keys pass, nested objects are not checked. */`,
    `export const ${view.schema} = z.looseObject({`,
    ...view.zodFields.map((line) => `  ${line}`),
    "});",
    `export type ${view.schema} = z.infer<typeof ${view.schema}>;`,
  ].join("\n");
}

/** Blocks packed into a main file (with `head` first) and overflow files it re-exports. */
function packed(
  blocks: string[],
  head: (i: number, group: string[]) => string[],
  path: (i: number) => string,
  budget: number,
): EmittedFile[] {
  const groups = pack(
    blocks.map((b) => ({ item: b, lines: lineCount(b) + 1 })),
    { first: budget - 40, overflow: budget - 15 },
  );
  return groups.map((group, i) => {
    const reexports =
      i === 0 ? groups.slice(1).map((_g, k) => `export * from "${importPath(path(k + 1))}";`) : [];
    const body = [
      ...head(i, group),
      ...(reexports.length ? [reexports.join("\n")] : []),
      ...group,
    ].join("\n\n");
    return { path: path(i), content: `${body}\n`, owner: "generated" as const };
  });
}

export function emitReceiverGenerated(
  model: ReceiverModel,
  views: EventView[],
  ctx: EmitContext,
): EmittedFile[] {
  const names = receiverFiles(model);
  const header = (what: string) => generatedHeader(what, model.title, model.version, ctx.version);
  const routes = [
    "/** How each selected event is recognised: the vendor's header values and fixed payload fields. */",
    `export const ROUTES: readonly WebhookRoute[] = [\n${views.map((v) => `  ${v.route.replace(/\n/g, "\n  ")},`).join("\n")}\n];`,
  ].join("\n");
  const types = packed(
    views.map(schemaBlock),
    (i, group) => [
      header(`Webhook payload schemas and routes for the ${model.title} receiver.`),
      zodImport(group.join("\n"), i === 0 ? ["type WebhookRoute"] : []),
      ...(i === 0 ? [routes] : []),
    ],
    (i) => (i === 0 ? names.types : names.typesPart(i + 1)),
    ctx.lineBudget,
  );
  const samples = packed(
    views.map((v) => `export const ${v.sample} = ${v.sampleLiteral};`),
    () => [
      header(
        `Sample payloads for the ${model.title} receiver's tests (examples, or samples from the schemas).`,
      ),
    ],
    (i) => (i === 0 ? names.samples : names.samplesPart(i + 1)),
    ctx.lineBudget,
  );
  return [...types, ...samples];
}
