/**
 * `<name>_mock.ts`: the mock of the API the generated tests run against. msw routes that work for
 * any server URL, pages built the way each listing pages, and the table of paginated operations.
 * Generated, so `capkit update` keeps it in step with the spec; the tests themselves are yours.
 */
import type { IntegrationModel, OperationModel } from "../../model/types.js";
import { pageSizeName } from "../client/operation-code.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { render } from "../handlebars.js";
import { generatedHeader } from "../header.js";
import { importLines } from "../imports.js";
import { type FileNames, importPath } from "../names.js";
import { stringLiteral } from "../safe-text.js";
import type { OperationView } from "../view.js";
import { formattedLines, type MockHandler, mockBlocks, planMock, renderPart } from "./split.js";

export function pagedOperations(operations: OperationModel[], views: OperationView[]) {
  return operations
    .map((op, i) => ({ op, view: views[i]! }))
    .filter(({ view }) => view.paged)
    .map(({ op, view }) => {
      const size = pageSizeName(op);
      return {
        name: stringLiteral(op.methodName),
        style: stringLiteral(op.pagination.style),
        method: stringLiteral(op.method),
        path: view.path,
        methodName: view.methodName,
        args: view.req.any ? `${view.testRequest || "{}"}, options` : "options",
        sample: view.sample,
        records: view.recordsPath,
        next: view.nextPath,
        hasMore: view.hasMorePath,
        nextPage: view.concretePath,
        size: size ? stringLiteral(size) : "null",
      };
    });
}

/** What the hand-owned files' emitter already computed and the mock shares with them. */
export interface MockInputs {
  tokenUrl: string;
  secretLiteral: string;
  configLiteral: string;
  /** The body of a successful credential check (code). */
  okBody: string;
  /** One msw handler per route of `serveAccount(served)`. */
  handlers: MockHandler[];
}

/** `<name>_mock.ts`, and the `<name>_mock_<tag>.ts` parts it imports when it would be too long. */
export function emitMock(
  model: IntegrationModel,
  views: OperationView[],
  files: FileNames,
  ctx: EmitContext,
  names: { clientClass: string; baseUrlConst: string },
  inputs: MockInputs,
): EmittedFile[] {
  const paged = pagedOperations(model.operations, views);
  const rows = new Map(
    paged.map((p) => [p.methodName, render("mock-paged.hbs", p).trimEnd()] as const),
  );
  const header = (what: string) => generatedHeader(what, model.title, model.version, ctx.version);
  const view = {
    header: header(
      `A mock of the ${model.title} API for the tests: routes for any server URL, and pages the way each listing pages.`,
    ),
    ...names,
    clientImports: [
      names.baseUrlConst,
      ...(paged.length > 0 ? [`type ${names.clientClass}`, "type PageOptions"] : []),
    ].sort((a, b) => a.replace(/^type /, "").localeCompare(b.replace(/^type /, ""))),
    className: model.className,
    serviceLiteral: stringLiteral(model.service),
    mainImport: importPath(files.main),
    clientImport: importPath(files.client),
    samplesImport: importPath(files.samples),
    oauth: inputs.tokenUrl ? { tokenUrl: stringLiteral(inputs.tokenUrl) } : false,
    secretLiteral: inputs.secretLiteral,
    configLiteral: inputs.configLiteral,
    validation: { okBody: inputs.okBody },
    anyPaged: paged.length > 0,
  };
  const blocks = mockBlocks(views, inputs.handlers, rows);
  const placed = new Set(blocks.map((b) => b.methodName));
  const unplaced = inputs.handlers.filter((h) => !placed.has(h.of)).map((h) => h.code);
  const plumbing = render("mock.ts.hbs", {
    ...view,
    handlers: unplaced,
    paged: [],
    parts: [],
    partImports: [],
  });
  const parts = planMock(blocks, formattedLines(plumbing), files, ctx);
  const moved = new Set(parts.flatMap((p) => p.blocks.map((b) => b.methodName)));
  const content = render("mock.ts.hbs", {
    ...view,
    handlers: inputs.handlers.filter((h) => !moved.has(h.of)).map((h) => h.code),
    paged: paged.filter((p) => !moved.has(p.methodName)).map((p) => rows.get(p.methodName)),
    parts,
    partFiles: parts.map((p) => p.path).join(", "),
    partImports: importLines(
      parts.map((p) => ({ from: importPath(p.path), values: [p.routes, p.paged].filter(Boolean) })),
    ),
  });
  const partHeader = header(
    `Routes and pages of the ${model.title} API mock for the operations below, split from ${files.mock} (which imports them).`,
  );
  return [
    { path: files.mock, content, owner: "generated" },
    ...parts.map((part) => ({
      path: part.path,
      content: renderPart(part, partHeader, files),
      owner: "generated" as const,
    })),
  ];
}
