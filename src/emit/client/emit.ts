/**
 * `<name>_client.ts`: the client class (one thin method per operation) and the operation functions
 * behind it. When the functions would pass the line budget they move, in order, to
 * `_client_2.ts`…, so the class stays one small file however many operations are selected.
 */
import type { IntegrationModel } from "../../model/types.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { render } from "../handlebars.js";
import { generatedHeader } from "../header.js";
import { importLines, usedNames } from "../imports.js";
import { fileLabel, fileNames, importPath, uniqueLabel } from "../names.js";
import { formattedLineCount, pack } from "../pack.js";
import { commentText, stringLiteral } from "../safe-text.js";
import type { OperationView } from "../view.js";

const RUNTIME_VALUES = [
  "checkRecords",
  "fetchNextPage",
  "paginate",
  "parseRecord",
  "readPath",
  "recordsAt",
  "unwrap",
];

/** `"POST /path"` entries, as the spec writes the path, for the runtime's `idempotent` option. */
export function idempotentRoutes(model: IntegrationModel) {
  return [...model.operations, ...model.extraOperations]
    .filter((op) => op.readOnly !== undefined && op.method !== "get")
    .map((op) => ({
      route: stringLiteral(`${op.method.toUpperCase()} ${op.path}`),
      why: commentText(`${op.operationId}: ${op.readOnly}`, 90),
    }));
}

interface Block {
  view: OperationView;
  text: string;
}

export function emitClient(
  model: IntegrationModel,
  views: OperationView[],
  ctx: EmitContext,
  names: { clientClass: string; baseUrlConst: string; idempotentConst: string },
): EmittedFile[] {
  const files = fileNames(model);
  const header = generatedHeader(
    `Client for the ${/\bAPI$/i.test(model.title.trim()) ? model.title.trim() : `${model.title} API`}: one method per selected operation.`,
    model.title,
    model.version,
    ctx.version,
  );
  // Grouped by tag, so that when the functions are split each file holds whole tags where it can.
  const byTag = views
    .map((view, index) => ({ view, index }))
    .sort((a, b) => a.view.tag.localeCompare(b.view.tag) || a.index - b.index)
    .map((entry) => entry.view);
  const blocks: Block[] = byTag.map((view) => ({
    view,
    text: render("client-operation.hbs", view).trimEnd(),
  }));
  // A thin method is 4 lines, 8 once the formatter wraps its signature.
  const classLines = 40 + views.length * 8;
  const groups = pack(
    // sized as formatted: the formatter breaks a client's long calls, and a file found over budget
    // afterwards costs a second render and format of the whole integration
    blocks.map((b) => ({ item: b, lines: formattedLineCount(b.text) + 1 })),
    { first: ctx.lineBudget - classLines, overflow: ctx.lineBudget - 15 },
  );
  // each overflow file is named for the tag its first function belongs to
  const labels = new Set<string>();
  const partPaths = groups.map((group) =>
    files.clientPart(uniqueLabel(fileLabel(group[0]?.view.tag ?? ""), labels)),
  );
  const partPath = (i: number) => partPaths[i]!;
  const anySized = views.some((v) => v.req.pageSize !== undefined);

  const parts: EmittedFile[] = groups.slice(1).map((group, index) => {
    const text = group.map((b) => b.text).join("\n\n");
    const imports = importLines([
      { from: "@capkit/runtime", values: usedNames(text, RUNTIME_VALUES), types: ["Http"] },
      { from: importPath(files.types), values: group.map((b) => b.view.schema), types: ["paths"] },
      {
        from: importPath(files.client),
        values: usedNames(text, ["DEFAULT_PAGE_SIZE"]),
        types: usedNames(text, ["PageOptions"]),
      },
    ]);
    return {
      path: partPath(index + 1),
      content: `${render("client-part.ts.hbs", { header, imports, blocks: group.map((b) => b.text) }).trimEnd()}\n`,
      owner: "generated",
    };
  });

  const mainBlocks = groups[0] ?? [];
  const mainText = mainBlocks.map((b) => b.text).join("\n\n");
  const inMain = new Set(mainBlocks.map((b) => b.view.methodName));
  const imports = importLines([
    { from: "@capkit/runtime", values: usedNames(mainText, RUNTIME_VALUES), types: ["Http"] },
    {
      from: importPath(files.types),
      values: views.filter((v) => inMain.has(v.methodName)).map((v) => v.schema),
      types: ["paths", ...views.map((v) => v.schema)],
    },
    ...groups.slice(1).map((group, index) => ({
      from: importPath(partPath(index + 1)),
      values: group.map((b) => b.view.methodName),
      types: group.filter((b) => b.view.req.any).map((b) => b.view.request),
    })),
  ]);
  const content = render("client.ts.hbs", {
    header,
    imports,
    baseUrlConst: names.baseUrlConst,
    idempotentConst: names.idempotentConst,
    idempotent: idempotentRoutes(model),
    baseUrl: stringLiteral(model.baseUrl),
    clientClass: names.clientClass,
    anySized,
    operations: views,
    blocks: mainBlocks.map((b) => b.text),
  });
  return [{ path: files.client, content: `${content.trimEnd()}\n`, owner: "generated" }, ...parts];
}
