/**
 * `<name>_samples.ts`: one sample record per operation, as data, for the generated tests. Samples
 * come from the spec's examples (repaired to fit the record schema) or from its schemas.
 */
import type { IntegrationModel } from "../../model/types.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { generatedHeader } from "../header.js";
import { fileNames, importPath } from "../names.js";
import { lineCount, pack } from "../pack.js";
import { jsonLiteral } from "../safe-text.js";
import type { OperationView } from "../view.js";

export function emitSamples(
  model: IntegrationModel,
  views: OperationView[],
  ctx: EmitContext,
): EmittedFile[] {
  const names = fileNames(model);
  const header = generatedHeader(
    `Sample records for the ${model.title} tests (the spec's examples, or samples from its schemas).`,
    model.title,
    model.version,
    ctx.version,
  );
  const blocks = views.map((view) => {
    const text = `export const ${view.sample} = ${jsonLiteral(view.sampleValue)};`;
    return { item: text, lines: lineCount(text) + 1 };
  });
  const groups = pack(blocks, { first: ctx.lineBudget - 20, overflow: ctx.lineBudget - 10 });
  const files = groups.map((group, i) => ({
    path: i === 0 ? names.samples : names.samplesPart(i + 1),
    group,
  }));
  return files.map(({ path, group }, i) => {
    const reexports =
      i === 0 ? files.slice(1).map((f) => `export * from "${importPath(f.path)}";`) : [];
    const body = [header, ...(reexports.length ? [reexports.join("\n")] : []), ...group].join(
      "\n\n",
    );
    return { path, content: `${body}\n`, owner: "generated" as const };
  });
}
