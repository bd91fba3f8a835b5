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
import { type FileNames, importPath } from "../names.js";
import { stringLiteral } from "../safe-text.js";
import type { OperationView } from "../view.js";

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
  /** One msw handler per route of `serveAccount(served)` (code). */
  handlers: string[];
}

export function emitMock(
  model: IntegrationModel,
  views: OperationView[],
  files: FileNames,
  ctx: EmitContext,
  names: { clientClass: string; baseUrlConst: string },
  inputs: MockInputs,
): EmittedFile {
  const paged = pagedOperations(model.operations, views);
  const content = render("mock.ts.hbs", {
    header: generatedHeader(
      `A mock of the ${model.title} API for the tests: routes for any server URL, and pages the way each listing pages.`,
      model.title,
      model.version,
      ctx.version,
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
    handlers: inputs.handlers,
    paged,
  });
  return { path: files.mock, content, owner: "generated" };
}
