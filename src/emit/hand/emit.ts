/**
 * The hand-owned files: the capability (`<name>.ts`), the transforms and the tests. capkit writes
 * them once; after that they belong to the engineer (no header, not hashed against changes).
 */
import type { IntegrationModel, OperationModel } from "../../model/types.js";
import { authCode } from "../client/auth-code.js";
import { pageSizeEntry } from "../client/operation-code.js";
import { invokeRequest } from "../client/request-code.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { render } from "../handlebars.js";
import { type FileNames, importPath } from "../names.js";
import { commentText, jsonLiteral, stringLiteral } from "../safe-text.js";
import type { OperationView } from "../view.js";

export interface HandNames {
  clientClass: string;
  baseUrlConst: string;
}

const SEND = {
  Asset: "this.sendAsset",
  Risk: "this.sendRisk",
  Attribute: "this.sendAttribute",
} as const;

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
    method: op.method,
    mswPath: view.mswPath,
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

const sorted = (names: Iterable<string>) =>
  [...new Set(names)].sort((a, b) =>
    a.replace(/^type /, "").localeCompare(b.replace(/^type /, "")),
  );

export function emitHandFiles(
  model: IntegrationModel,
  views: OperationView[],
  allViews: OperationView[],
  files: FileNames,
  ctx: EmitContext,
  names: HandNames,
): EmittedFile[] {
  const auth = authCode(model.auth);
  const validation = validationView(model, allViews, [
    ...model.operations,
    ...model.extraOperations,
  ]);
  const kinds = new Set(views.map((v) => v.kind));
  const anyTarget = views.some((v) => v.takesTarget);
  const ops = views.map((v) => ({ ...v, sendCall: SEND[v.kind as keyof typeof SEND] }));
  const shared = {
    className: model.className,
    service: model.service,
    serviceLiteral: stringLiteral(model.service),
    title: commentText(model.title, 80),
    version: ctx.version,
    ...names,
    transformNames: views.map((v) => v.transform),
    recordTypes: views.map((v) => v.schema),
    operations: ops,
    typesImport: importPath(files.types),
    clientImport: importPath(files.client),
    transformImport: importPath(files.transform),
    mainImport: importPath(files.main),
    samplesImport: importPath(files.samples),
    testFile: files.test,
  };
  const main = render("main.ts.hbs", {
    ...shared,
    purpose: purpose(views),
    specTitle: commentText(model.title, 80),
    specVersion: commentText(model.version, 40),
    titleComment: commentText(model.title, 60),
    titleLiteral: stringLiteral(model.title),
    descriptionLiteral: stringLiteral(commentText(model.description ?? model.title, 200)),
    mainImports: sorted([
      "type Asset",
      "type Attribute",
      "BaseCapability",
      "type CapabilityInfo",
      "type Risk",
      "registerCapability",
    ]),
    credentialParams: auth.credentials.map((c) => stringLiteral(c)),
    auth: auth.code,
    usesSecret: auth.credentials.length > 0,
    usesConfig: validation.usesConfig || views.some((v) => v.usesConfig),
    validationComment: validation.comment,
    validationCall: validation.call,
  });
  const transform = render("transform.ts.hbs", {
    ...shared,
    transformImports: sorted([
      ...[...kinds].map((k) => `type ${k}`),
      ...(anyTarget ? ["type Integration"] : []),
      "NotImplementedError",
    ]),
  });
  const paging = views.find((v) => v.paged);
  const secret = Object.fromEntries(
    auth.credentials.map((c) => [c, `capkit-test-${c}-5d41402abc4b2a76`]),
  );
  const config = Object.fromEntries(
    [...model.operations, ...model.extraOperations]
      .flatMap((op) => op.parameters.filter((p) => p.required && p.in !== "cookie"))
      .map((p) => [
        p.name,
        p.type === "integer" || p.type === "number"
          ? "1"
          : p.type === "boolean"
            ? "true"
            : "example",
      ]),
  );
  const pagingPuts =
    paging !== undefined &&
    (paging.recordsPath !== "[]" || paging.style === "cursor" || paging.style === "nextUrl");
  const test = render("test.ts.hbs", {
    ...shared,
    usesPut: validation.okBody.startsWith("put(") || pagingPuts,
    anyTarget,
    testImports: sorted([
      "Asset",
      "createJob",
      "createLogger",
      "Integration",
      "IntegrationError",
      "type PlatformModel",
      ...views.flatMap((v) => v.expectedImports),
    ]),
    secretLiteral: jsonLiteral(secret),
    configLiteral: jsonLiteral(config),
    validation,
    unauthorizedCalls: model.auth.kind === "oauth2ClientCredentials" ? 2 : 1,
    oauth:
      model.auth.kind === "oauth2ClientCredentials"
        ? { tokenUrl: stringLiteral(tokenUrl(model)) }
        : false,
    paging: paging
      ? {
          ...paging,
          topLevel: paging.recordsPath === "[]",
          // One record per page is a full page: short-page stops cannot end the walk early.
          allArgs: args(paging.req.any, paging.testRequest, "{ pageSize: 1 }"),
          maxPagesArgs: args(paging.req.any, paging.testRequest, "{ pageSize: 1, maxPages: 2 }"),
        }
      : false,
  });
  return [
    { path: files.main, content: main, owner: "hand" },
    { path: files.transform, content: transform, owner: "hand" },
    { path: files.test, content: test, owner: "hand" },
  ];
}

function args(hasRequest: boolean, request: string, options: string): string {
  return hasRequest ? `${request || "{}"}, ${options}` : options;
}

export function tokenUrl(model: IntegrationModel): string {
  if (model.auth.kind !== "oauth2ClientCredentials") return "";
  try {
    return new URL(model.auth.tokenUrl, model.baseUrl).href;
  } catch {
    return model.auth.tokenUrl;
  }
}
