import { CapkitError } from "../errors.js";
import { pruneDocument } from "../openapi/prune.js";
import { selectAnalysed } from "../openapi/select.js";
import type { LoadedSpec } from "../openapi/types.js";
import { detectAuth } from "./auth.js";
import { baseUrl } from "./base-url.js";
import { linkRecords } from "./mapping.js";
import { safeIdentifier, TAKEN_CLASS_NAMES, validateServiceName } from "./names.js";
import { fieldsOf, operationModel, recordItem, type Taken } from "./operation.js";
import type { AuthModel, IntegrationModel, Rename } from "./types.js";
import { chooseValidation } from "./validation-call.js";
import { oneOfWarnings } from "./warnings.js";

export interface BuildOptions {
  /** The service name (lower-case, e.g. `acme`). */
  name: string;
  operations?: string[];
  tags?: string[];
  auth?: AuthModel["kind"];
}

/**
 * Model stage: the selected operations and everything the emitter needs about them, computed once.
 * Deterministic: the same spec and options give the same model, byte for byte when serialised.
 */
export function buildModel(spec: LoadedSpec, options: BuildOptions): IntegrationModel {
  const problem = validateServiceName(options.name);
  if (problem) {
    throw new CapkitError(
      "MODEL_INVALID_NAME",
      `Invalid service name ${JSON.stringify(options.name)}: ${problem}`,
      {
        exitCode: 2,
      },
    );
  }
  const doc = spec.document;
  const selected = selectAnalysed(spec, options);
  const renames: Rename[] = [];
  const { className, fileBase } = names(options.name, renames);
  const taken: Taken = { methods: new Set(), records: new Set() };
  const operations = selected.map((a) => operationModel(doc, a, taken, renames));
  const fields = new Map(
    operations.map((op, i) => [op, fieldsOf(doc, recordItem(doc, selected[i]!), op.sample)]),
  );
  linkRecords(operations, (op) => fields.get(op) ?? []);

  const { validation, extra, extraOperations } = chooseValidation(spec, selected, operations, (a) =>
    operationModel(doc, a, taken, renames),
  );

  const auth = detectAuth(
    doc,
    [...selected, ...(extra ? [extra] : [])].map((a) => a.op.node),
    options.auth,
  );
  const server = baseUrl(doc, spec.source);
  const document = pruneDocument(doc, [...operations, ...extraOperations]);
  const model: IntegrationModel = {
    source: spec.source,
    specHash: spec.hash,
    title: String(doc.info.title ?? ""),
    version: String(doc.info.version ?? ""),
    service: options.name,
    className,
    fileBase,
    baseUrl: server.url,
    auth: auth.auth,
    authDeclared: auth.declared,
    operations,
    extraOperations,
    validation,
    renames,
    // the model's own base-URL and auth warnings say more than the document-level ones
    warnings: [
      ...spec.warnings.filter((w) => w.code !== "NO_SERVERS" && w.code !== "NO_SECURITY"),
      ...server.warnings,
      ...auth.warnings,
      ...oneOfWarnings(document),
    ],
    document,
  };
  if (typeof doc.info.description === "string") model.description = doc.info.description;
  return model;
}

function names(service: string, renames: Rename[]): { className: string; fileBase: string } {
  const plain = safeIdentifier(service, "pascal").identifier;
  // the class sits beside the runtime's imports: `asset` must not shadow the runtime's `Asset`
  const className = TAKEN_CLASS_NAMES.has(plain) ? `${plain}Capability` : plain;
  if (className !== plain) {
    renames.push({
      kind: "class",
      from: plain,
      to: className,
      reason: `"${plain}" is a runtime or built-in name`,
    });
  }
  return { className, fileBase: service.replace(/-/g, "_") };
}
