/** The receiver's hand-owned files: the capability, its transforms and its tests. */
import type { ReceiverModel } from "../../model/types.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { render } from "../handlebars.js";
import { importPath } from "../names.js";
import { commentText, stringLiteral } from "../safe-text.js";
import { receiverFiles } from "./names.js";
import { signingCode } from "./signing-code.js";
import type { EventView } from "./view.js";

const sorted = (names: Iterable<string>) =>
  [...new Set(names)].sort((a, b) =>
    a.replace(/^type /, "").localeCompare(b.replace(/^type /, "")),
  );

export function emitReceiverHand(
  model: ReceiverModel,
  views: EventView[],
  ctx: EmitContext,
): EmittedFile[] {
  const files = receiverFiles(model);
  const kinds = [...new Set(views.map((v) => v.kind))];
  const signing = signingCode(model.signature);
  const shared = {
    className: model.className,
    service: model.service,
    serviceLiteral: stringLiteral(model.service),
    title: commentText(model.title, 80),
    titleComment: commentText(model.title, 60),
    version: ctx.version,
    events: views,
    first: views[0],
    transformNames: views.map((v) => v.transform),
    schemaNames: views.map((v) => v.schema),
    typesImport: importPath(files.types),
    transformImport: importPath(files.transform),
    mainImport: importPath(files.main),
    samplesImport: importPath(files.samples),
    testFile: files.test,
  };
  const main = render("webhook-main.ts.hbs", {
    ...shared,
    purpose: commentText(`receives ${views.map((v) => v.eventComment).join(", ")}`, 200),
    specTitle: commentText(model.title, 80),
    specVersion: commentText(model.version, 40),
    capabilityName: stringLiteral(`${model.service}-webhook`),
    titleLiteral: stringLiteral(`${model.title} webhooks`),
    descriptionLiteral: stringLiteral(commentText(model.description ?? model.title, 200)),
    signatureLiteral: stringLiteral(model.signature),
    mainImports: sorted([
      "type CapabilityInfo",
      "type EventHandler",
      "on",
      "registerCapability",
      "WebhookCapability",
      "type WebhookRoute",
    ]),
  });
  const transform = render("webhook-transform.ts.hbs", {
    ...shared,
    transformImports: sorted([
      ...kinds.map((k) => `type ${k}`),
      ...(views.some((v) => v.takesTarget) ? ["type Integration"] : []),
      "NotImplementedError",
    ]),
  });
  const test = render("webhook-test.ts.hbs", {
    ...shared,
    testImports: sorted([
      "createJob",
      "createLogger",
      "createReplayStore",
      "Integration",
      "type PlatformModel",
      ...views.flatMap((v) => v.expectedImports),
    ]),
    secretLiteral: stringLiteral(signing.secret),
    wrongSecretLiteral: stringLiteral(signing.wrongSecret),
    signBody: signing.body,
    signatureComment: commentText(model.signature, 80),
    timestamped: signing.timestamped,
    coversBody: signing.coversBody,
  });
  return [
    { path: files.main, content: main, owner: "hand" },
    { path: files.transform, content: transform, owner: "hand" },
    { path: files.test, content: test, owner: "hand" },
  ];
}
