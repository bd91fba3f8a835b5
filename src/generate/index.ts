/**
 * generate: the whole pipeline behind `capkit generate` and `npx plop integration`:
 * load the spec → build the model → emit → format → write (all or nothing) → verify.
 */
import { resolve } from "node:path";
import { emitIntegration } from "../emit/index.js";
import { startTypesWorker } from "../emit/types/in-worker.js";
import { CapkitError } from "../errors.js";
import { buildModel, validateServiceName } from "../model/index.js";
import type { AuthModel, IntegrationModel, RecordKind } from "../model/types.js";
import type { LoadedSpec } from "../openapi/index.js";
import type { Verification } from "../verify/index.js";
import { settleFiles } from "./finish.js";
import { formatFiles } from "./format.js";
import { loadFor } from "./load-for.js";
import { assertHasOperations } from "./only-webhooks.js";
import { existingTestLayout } from "./ownership.js";
import { assertProjectReady } from "./preflight.js";
import { recordedSource } from "./spec-source.js";
import { type StageEvent, stageText } from "./stages.js";
import { checkOutputFolder, type PlannedFile, writeFiles } from "./write.js";

export interface GenerateOptions {
  /** Path or http(s) URL of the OpenAPI document. */
  spec: string;
  /** Service name: lower-case letters, digits and `-`, e.g. `acme`; default: from the spec's title. */
  name?: string;
  /** Operation ids, `GET /path` patterns or tags; empty means the default selection. */
  operations?: string[];
  tags?: string[];
  /** Output folder; default `integrations/<name>` under `cwd`. */
  out?: string;
  auth?: AuthModel["kind"];
  force?: boolean;
  /** With `force`: write the new generation of a hand-owned file you changed as `<file>.capkit-new`. */
  writeConflicts?: boolean;
  dryRun?: boolean;
  /** Type-check and run the new tests after writing (default true). */
  verify?: boolean;
  cwd?: string;
  specHeader?: string;
  allowRemoteRefs?: boolean;
  /** Caps on the spec download (defaults: 50 MB, 30 s). */
  maxSpecBytes?: number;
  timeoutMs?: number;
  /** The spec, when the caller (the plop prompts) has loaded it already. */
  loaded?: LoadedSpec;
  /** Record kind per operation id, overriding the detected ones. */
  recordKinds?: Record<string, RecordKind>;
  /** Pagination per operation id: `none` reads one page instead of the detected style. */
  pagination?: Record<string, string>;
  /** Operation id of the `validateCredentials` call, overriding the detected one. */
  validation?: string;
  /** Each stage as it starts and ends: loading, generating, type-checking, testing. */
  onProgress?: (event: StageEvent) => void;
}

/** The options a run takes from `capkit generate`'s flags rather than from prompts. */
export type CliOptions = Pick<
  GenerateOptions,
  | "force"
  | "writeConflicts"
  | "dryRun"
  | "verify"
  | "specHeader"
  | "allowRemoteRefs"
  | "maxSpecBytes"
  | "timeoutMs"
>;

export interface GenerateResult {
  outDir: string;
  model: IntegrationModel;
  files: PlannedFile[];
  written: boolean;
  verification?: Verification;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const progress = options.onProgress ?? (() => {});
  if (options.name !== undefined) assertName(options.name);
  // Before anything else: the project must have what the result needs…
  if (!options.dryRun && options.verify !== false) {
    assertProjectReady(resolve(cwd, options.out ?? "integrations"), { cwd, noVerifyHint: true });
  }
  // Started early, so that loading TypeScript overlaps with loading the spec.
  const types = startTypesWorker();
  // …and an occupied folder is refused before the (possibly slow) load, when the name is known.
  if (options.name && !options.dryRun) {
    checkOutputFolder(
      resolve(cwd, options.out ?? `integrations/${options.name}`),
      options.force === true,
    );
  }

  if (!options.loaded) progress(stageText.loading(options.spec));
  const spec = await loadFor(options, cwd);
  const name =
    options.name ??
    nameFromTitle(String((spec.document.info as { title?: unknown } | undefined)?.title ?? ""));
  assertName(name);
  const outDir = resolve(cwd, options.out ?? `integrations/${name}`);
  if (!options.dryRun) checkOutputFolder(outDir, options.force === true);
  assertHasOperations(spec);
  const model = buildModel(spec, {
    name,
    ...(options.operations?.length ? { operations: options.operations } : {}),
    ...(options.tags?.length ? { tags: options.tags } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
  });
  applyOverrides(model, options);
  assertUsable(model);
  progress(stageText.loaded(spec, model.operations.length));
  progress(stageText.generating(model));
  // The manifest records the spec relative to the integration folder, and no credential of a URL.
  const recorded = { ...model, source: recordedSource(options.spec, outDir, cwd).source };
  const { write, planned } = await settleFiles(
    outDir,
    recorded,
    () =>
      emitIntegration(recorded, {
        format: formatFiles,
        typesParts: types,
        testLayout: existingTestLayout(outDir, recorded),
      }),
    options,
  );
  if (options.dryRun) return { outDir, model, files: planned, written: false };

  writeFiles(outDir, write);
  progress(stageText.written(planned, outDir, cwd));
  if (options.verify === false) return { outDir, model, files: planned, written: true };
  progress(stageText.verifying());
  const { verifyIntegration } = await import("../verify/index.js");
  const verification = await verifyIntegration(outDir, cwd, {
    build: (build) => progress(stageText.typechecked(build)),
    tests: (tests) => progress(stageText.tested(tests)),
  });
  return { outDir, model, files: planned, written: true, verification };
}

function assertName(name: string): void {
  const problem = validateServiceName(name);
  if (problem) {
    throw new CapkitError(
      "INVALID_NAME",
      `The service name ${JSON.stringify(name)} is not valid: ${problem}`,
      {
        source: "--name",
      },
    );
  }
}

/** `VulnScan API` → `vulnscan`: the first word of the title that makes a valid service name. */
export function nameFromTitle(title: string): string {
  const words = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9\s-]/g, "")
    .split(/[\s-]+/)
    .filter(
      (w) => /^[a-z]/.test(w) && !["the", "api", "rest", "openapi", "v1", "v2", "v3"].includes(w),
    );
  const candidate = words[0] ?? "integration";
  return validateServiceName(candidate) ? "integration" : candidate.slice(0, 40);
}

/** The engineer's answers win over the heuristics: record kinds and the credential check. */
function applyOverrides(model: IntegrationModel, options: GenerateOptions): void {
  const ids = model.operations.map((o) => o.operationId);
  for (const [flag, map] of [
    ["--kinds", options.recordKinds],
    ["--pagination", options.pagination],
  ] as const) {
    const unknown = Object.keys(map ?? {}).filter((id) => !ids.includes(id));
    if (unknown.length > 0) {
      throw new CapkitError(
        "UNKNOWN_OVERRIDE_OPERATION",
        `${flag} names ${unknown.map((id) => JSON.stringify(id)).join(", ")}, which ${unknown.length > 1 ? "are" : "is"} not among the selected operations (${ids.join(", ")}).`,
        { source: flag, exitCode: 2 },
      );
    }
  }
  for (const op of model.operations) {
    const kind = options.recordKinds?.[op.operationId];
    if (kind) op.recordKind = kind;
    if (options.pagination?.[op.operationId] === "none") op.pagination = { style: "none" };
  }
  if (options.validation && options.validation !== model.validation.operationId) {
    const op = model.operations.find((o) => o.operationId === options.validation);
    if (!op) {
      throw new CapkitError(
        "UNKNOWN_VALIDATION_OPERATION",
        `The validateCredentials call ${JSON.stringify(options.validation)} is not one of the selected operations (${model.operations.map((o) => o.operationId).join(", ")}).`,
        { source: "--validation" },
      );
    }
    model.validation = {
      operationId: op.operationId,
      reason: `${op.method.toUpperCase()} ${op.path} (chosen)`,
    };
  }
}

// RFC 9110 token: what a header (or cookie) name may be made of.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A model capkit can emit but no HTTP client could use is refused up front, with the place. */
function assertUsable(model: IntegrationModel): void {
  const auth = model.auth;
  if (auth.kind === "apiKey" && auth.in !== "query" && !TOKEN.test(auth.name)) {
    throw new CapkitError(
      "SPEC_INVALID_HEADER_NAME",
      `${model.source}: the security scheme ${JSON.stringify(auth.schemeName)} sends the API key in the ${auth.in} ${JSON.stringify(auth.name)}, which is not a valid HTTP ${auth.in} name, so no client could send it. Fix the scheme's \`name\`, or pass --auth to choose another scheme.`,
      {
        source: model.source,
        where: `#/components/securitySchemes/${auth.schemeName.replace(/~/g, "~0").replace(/\//g, "~1")}`,
      },
    );
  }
}
