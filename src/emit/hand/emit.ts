/**
 * The hand-owned files: the capability (`<name>.ts`), the transforms and the tests. capkit writes
 * them once; after that they belong to the engineer (no header, not hashed against changes).
 */
import type { IntegrationModel, OperationModel } from "../../model/types.js";
import { authCode } from "../client/auth-code.js";
import { pageSizeEntry } from "../client/operation-code.js";
import { configSample, invokeRequest } from "../client/request-code.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { render } from "../handlebars.js";
import { emitMock, pagedOperations } from "../mock/emit.js";
import { type FileNames, importPath } from "../names.js";
import { formattedLineCount } from "../pack.js";
import { commentText, jsonLiteral, stringLiteral } from "../safe-text.js";
import type { OperationView } from "../view.js";
import { parentOf, suggestion } from "./expected-record.js";
import { invokeLines } from "./invoke-code.js";
import { tableCode, tableName } from "./mapping-code.js";
import { type Step, testView } from "./test-view.js";

const MOCK_IMPORTS = "__capkit_mock_imports__";
const MOCK_EXPORTS = [
  "at",
  "collect",
  "onePage",
  "PAGED",
  "pageOf",
  "put",
  "route",
  "SECRET",
  "server",
  "servePages",
  "serveAccount",
  "setup",
  "url",
  "validationOk",
  "invokeWith",
];

export interface HandNames {
  clientClass: string;
  baseUrlConst: string;
  /** The client's list of read-only POSTs (`ACME_IDEMPOTENT`), "" when it has none. */
  idempotentConst?: string;
}

function validationView(model: IntegrationModel, views: OperationView[], all: OperationModel[]) {
  const op = all.find((o) => o.operationId === model.validation.operationId) ?? all[0]!;
  const view = views.find((v) => v.methodName === op.methodName)!;
  const sample = `samples.${view.sample}`;
  // The body of a successful credential check: the sample record, in a page when the call lists.
  const okBody = !op.isList
    ? sample
    : op.recordsPath.length > 0
      ? `put({}, ${view.recordsPath}, [${sample}])`
      : `[${sample}]`;
  const size = model.validation.pageSizeParam;
  const extra = size ? [pageSizeEntry(op, size, "1")] : [];
  const request = invokeRequest(op, extra);
  const call = op.isList
    ? [
        `const page = this.client().${op.methodName}(${request || "{}"});`,
        "    await page.next();",
        "    await page.return(undefined);",
      ].join("\n")
    : `await this.client().${op.methodName}(${request});`;
  return {
    op,
    method: op.method,
    path: stringLiteral(op.path),
    okBody,
    comment: commentText(`${op.method.toUpperCase()} ${op.path}`),
    call,
    usesConfig: view.usesConfig,
  };
}

function purpose(views: OperationView[]): string {
  const kinds = [
    ...new Set(views.map((v) => `${v.recordName} records as ${v.kind.toLowerCase()}s`)),
  ];
  return commentText(`pulls ${kinds.join(", ")}`, 200);
}

/** The first sentence of the spec's description: the rest is the vendor's prose, not ours. */
export function firstSentence(text: string): string {
  const flat = commentText(text, 1000);
  const end = /[.!?](\s|$)/.exec(flat);
  return end ? flat.slice(0, end.index + 1) : flat;
}

const sorted = (names: Iterable<string>) =>
  [...new Set(names)].sort((a, b) =>
    a.replace(/^type /, "").localeCompare(b.replace(/^type /, "")),
  );

const article = (kind: string) => (/^[AEIOU]/.test(kind) ? `an ${kind}` : `a ${kind}`);

/** The transform's signature, its note's first line, and its tables. */
function transformView(op: OperationModel, view: OperationView, all: OperationModel[]) {
  const parent = parentOf(op);
  const params =
    parent.kind === "join" || parent.kind === "target" ? `, ${parent.param}: ${parent.type}` : "";
  const paramUse =
    parent.kind === "join"
      ? ` on \${${parent.param}.key}`
      : parent.kind === "target"
        ? ` for \${target.key}`
        : "";
  const join = op.mapping.join;
  const joined = join && all.find((o) => o.operationId === join.operationId);
  const relation =
    parent.kind === "join" && join && joined
      ? ` on the ${commentText(join.noun.replace(/_/g, " "), 40)} it names by ${commentText(join.field.path.join("."), 60)} (a ${joined.methodName} record)`
      : parent.kind === "locator"
        ? " on the asset its own fields name"
        : parent.kind === "target"
          ? " on the integration (the record names no host, repository or URL)"
          : "";
  const tables: string[] = [];
  const { state, severity } = op.mapping;
  if (op.recordKind === "risk" && state)
    tables.push(
      tableCode(
        tableName(op.recordName, "STATE"),
        state,
        "RiskState",
        "the platform's risk state (T triage, I ignored, R remediated)",
      ).join("\n"),
    );
  if (op.recordKind === "risk" && severity?.kind === "enum")
    tables.push(
      tableCode(
        tableName(op.recordName, "SEVERITY"),
        severity.table,
        "RiskSeverity",
        "the platform's severity (I info, L low, M medium, H high, C critical)",
      ).join("\n"),
    );
  return {
    ...view,
    kindArticle: article(view.kind),
    params,
    paramUse,
    relation,
    tables,
    suggestion: commentText(suggestion(op), 600),
  };
}

export function emitHandFiles(
  model: IntegrationModel,
  views: OperationView[],
  allViews: OperationView[],
  files: FileNames,
  ctx: EmitContext,
  names: HandNames,
): EmittedFile[] {
  const auth = authCode(model.auth);
  const allOps = [...model.operations, ...model.extraOperations];
  const validation = validationView(model, allViews, allOps);
  const steps: Step[] = model.operations.map((op, i) => ({ op, view: views[i]! }));
  const kinds = new Set(views.map((v) => v.kind));
  const parents = steps.map(({ op }) => parentOf(op));
  const shared = {
    className: model.className,
    service: model.service,
    serviceLiteral: stringLiteral(model.service),
    title: commentText(model.title, 80),
    version: ctx.version,
    ...names,
    idempotentConst: names.idempotentConst ?? "",
    transformNames: views.map((v) => v.transform),
    recordTypes: views.map((v) => v.schema),
    typesImport: importPath(files.types),
    clientImport: importPath(files.client),
    transformImport: importPath(files.transform),
    mainImport: importPath(files.main),
    samplesImport: importPath(files.samples),
    testFile: files.test,
    transformTestFile: files.transformTest,
  };
  const main = render("main.ts.hbs", {
    ...shared,
    purpose: purpose(views),
    specTitle: commentText(model.title, 80),
    specVersion: commentText(model.version, 40),
    titleComment: commentText(model.title, 60),
    titleLiteral: stringLiteral(model.title),
    descriptionLiteral: stringLiteral(firstSentence(model.description ?? model.title)),
    mainImports: sorted([
      "type Asset",
      "BaseCapability",
      "type CapabilityInfo",
      "NotImplementedError",
      "registerCapability",
    ]),
    credentialParams: auth.credentials.map((c) => stringLiteral(c)),
    auth: auth.code,
    validationComment: validation.comment,
    validationCall: validation.call,
    invokeLines: invokeLines(steps).flatMap((line) => line.split("\n")),
  });
  const transform = render("transform.ts.hbs", {
    ...shared,
    operations: steps.map(({ op, view }) => transformView(op, view, model.operations)),
    transformImports: sorted([
      ...[...kinds].map((k) => `type ${k}`),
      ...(parents.some((p) => p.kind === "target") ? ["type Integration"] : []),
      ...(parents.some((p) => p.kind === "join") ? ["type Asset"] : []),
      ...(steps.some(({ op }) => op.recordKind === "risk" && op.mapping.state)
        ? ["type RiskState"]
        : []),
      ...(steps.some(({ op }) => op.recordKind === "risk" && op.mapping.severity?.kind === "enum")
        ? ["type RiskSeverity"]
        : []),
      "NotImplementedError",
    ]),
  });
  const secret = Object.fromEntries(
    auth.credentials.map((c) => [c, `capkit-test-${c}-5d41402abc4b2a76`]),
  );
  const config = Object.fromEntries(
    allOps
      .flatMap((op) => op.parameters.filter((p) => p.required && p.in !== "cookie"))
      .map((p) => [p.name, configSample(p)]),
  );
  const tests = testView(model, steps, validation.op);
  const code = (...parts: string[][]) => parts.flat().join("\n");
  const uses = (text: string) => (name: string) => text.includes(`new ${name}(`);
  const invokeCode = code(...tests.invokeTests.map((t) => t.expected), [tests.affiliated]);
  const { invokeTarget } = tests;
  const paged = pagedOperations(model.operations, views);
  const testData = {
    ...shared,
    ...tests,
    paged,
    anySized: paged.some((p) => p.size !== "null"),
    invokeTarget,
    mockImport: importPath(files.mock),
    mockFile: files.mock,
    invokeTestFile: files.invokeTest,
    oauth: model.auth.kind === "oauth2ClientCredentials",
    validation,
  };
  const renderTest = (plumbing: boolean, invoke: boolean) =>
    withMockImports(
      render("test.ts.hbs", {
        ...testData,
        plumbing,
        invoke,
        testImports: sorted([
          ...(invoke ? ["Asset"] : []),
          ...(plumbing ? ["IntegrationError"] : []),
          ...(invoke && invokeTarget ? ["Integration"] : []),
          ...(invoke ? ["Risk", "Attribute"].filter(uses(invokeCode)) : []),
        ]),
        mockImports: [MOCK_IMPORTS],
      }),
    );
  // Over the budget, the invoke and affiliation tests (RED, one per operation) get a file of their
  // own; an integration that has a layout keeps it (ctx.testLayout), so no test changes files.
  const single = renderTest(true, true);
  const layout = ctx.testLayout ?? "auto";
  const split =
    layout === "split" ||
    (layout === "auto" && formattedLineCount(single) > (ctx.testBudget ?? ctx.lineBudget));
  const testFiles: EmittedFile[] = split
    ? [
        { path: files.test, content: renderTest(true, false), owner: "hand" },
        { path: files.invokeTest, content: renderTest(false, true), owner: "hand" },
      ]
    : [{ path: files.test, content: single, owner: "hand" }];
  const transformCode = code(
    tests.transformTests.map((t) => t.expected),
    tests.parents.map((p) => p.value),
  );
  const transformTest = render("transform-test.ts.hbs", {
    ...shared,
    ...tests,
    imports: sorted(["Asset", "Attribute", "Integration", "Risk"].filter(uses(transformCode))),
    mockImport: importPath(files.mock),
    usesAt: tests.transformTests.some((t) => /\bat\(/.test(`${t.record} ${t.stateRecord}`)),
  });
  const mock = emitMock(model, views, files, ctx, names, {
    tokenUrl: tokenUrl(model),
    secretLiteral: jsonLiteral(secret),
    configLiteral: jsonLiteral(config),
    okBody: validation.okBody,
    handlers: tests.handlers,
  });
  return [
    { path: files.main, content: main, owner: "hand" },
    { path: files.transform, content: transform, owner: "hand" },
    ...testFiles,
    { path: files.transformTest, content: transformTest, owner: "hand" },
    ...mock,
  ];
}

/** The mock's names a test file calls or reads (`at(`, `server.use`, `PAGED)`), not words in a comment. */
function withMockImports(rendered: string): string {
  const body = rendered.replace(MOCK_IMPORTS, "");
  const names = MOCK_EXPORTS.filter((name) =>
    new RegExp(`(?<![\\w$.])${name}(?=\\s*[(.)]|\\s*\\.filter)`).test(body),
  ).sort((a, b) => a.localeCompare(b));
  return rendered.replace(MOCK_IMPORTS, names.join(", "));
}

export function tokenUrl(model: IntegrationModel): string {
  if (model.auth.kind !== "oauth2ClientCredentials") return "";
  try {
    return new URL(model.auth.tokenUrl, model.baseUrl).href;
  } catch {
    return model.auth.tokenUrl;
  }
}
