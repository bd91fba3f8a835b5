import { Command } from "commander";
import pc from "picocolors";
import type { ListDescription } from "../model/index.js";
import type { IntegrationModel, Pagination } from "../model/types.js";
import type { LoadedSpec, OperationSummary } from "../openapi/index.js";
import { isObject } from "../openapi/pointer.js";
import { renderWebhooks, type WebhookReport } from "./doctor-webhooks.js";
import { addSpecLimitOptions, type SpecLimitFlags, specLimits } from "./spec-limits.js";

interface DoctorOptions extends SpecLimitFlags {
  json?: boolean;
  specHeader?: string;
  allowRemoteRefs?: boolean;
}

/** `capkit doctor <spec>`: what capkit sees in a document, before generating anything. */
export function doctorCommand(): Command {
  const command = new Command("doctor")
    .description(
      "Show what capkit detects in an OpenAPI document: operations, auth, pagination, record kinds, warnings.",
    )
    .argument("<spec>", "path or http(s) URL of the OpenAPI document")
    .option("--json", "print a JSON report for machines")
    .option(
      "--spec-header <header>",
      'header sent with the spec download, "Name: value" (or CAPKIT_SPEC_HEADER)',
    )
    .option("--allow-remote-refs", "follow $refs to other hosts");
  return addSpecLimitOptions(command)
    .addHelpText(
      "after",
      `
Examples:
  $ capkit doctor ./openapi.yaml                   # servers, operations by tag, auth, pagination
  $ capkit doctor https://example.com/openapi.json --json > report.json
  $ capkit doctor https://example.com/huge.json --max-spec-bytes 100000000 --timeout 120

Exit codes: 0 report printed, 1 the document could not be read (unreachable, invalid, no operations), 2 usage.`,
    )
    .action(async (source: string, options: DoctorOptions) => {
      process.stdout.write(await doctor(source, options));
    });
}

export async function doctor(source: string, options: DoctorOptions = {}): Promise<string> {
  // loaded on use: the OpenAPI libraries would cost every other command (lint in a commit hook) ~0.5 s
  const { loadSpec } = await import("../openapi/index.js");
  const spec = await loadSpec(source, {
    ...(options.specHeader ? { header: options.specHeader } : {}),
    allowRemoteRefs: options.allowRemoteRefs === true,
    ...specLimits(options),
    onProgress: progressReporter(process.stderr),
  });
  const report = await buildReport(spec);
  return options.json ? `${JSON.stringify(report, null, 2)}\n` : render(report);
}

/** Progress only on an interactive stderr: CI logs and pipes stay clean. */
export function progressReporter(stream: {
  isTTY?: boolean;
  write(text: string): unknown;
}): ((event: { phase: string; bytes?: number; total?: number }) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (event) => {
    const size = event.bytes === undefined ? "" : ` ${(event.bytes / 1e6).toFixed(1)} MB`;
    const of = event.total === undefined ? "" : ` of ${(event.total / 1e6).toFixed(1)} MB`;
    stream.write(
      event.phase === "done"
        ? "\r\x1b[K"
        : `\r\x1b[K${pc.dim(`loading: ${event.phase}${size}${of}`)}`,
    );
  };
}

interface Report {
  source: string;
  sha256: string;
  title: string;
  version: string;
  openapi: string;
  converted: boolean;
  servers: string[];
  securitySchemes: { name: string; type: string; detail: string }[];
  operations: OperationSummary[];
  lists: ListDescription[];
  auth: IntegrationModel["auth"];
  validation: IntegrationModel["validation"];
  defaultSelection: string[];
  warnings: IntegrationModel["warnings"];
  webhooks: WebhookReport;
}

async function buildReport(spec: LoadedSpec): Promise<Report> {
  const { buildModel, describeListOperations } = await import("../model/index.js");
  const { listOperations } = await import("../openapi/index.js");
  const doc = spec.document;
  const { indexOperations } = await import("../openapi/operations.js");
  const { webhookReport } = await import("./doctor-webhooks.js");
  // a document of webhooks only has no pull model: no auth to detect, no call to validate with
  const model =
    indexOperations(doc).operations.length > 0 ? buildModel(spec, { name: "doctor" }) : undefined;
  const schemes = isObject(doc.components?.securitySchemes) ? doc.components.securitySchemes : {};
  const operations = listOperations(spec);
  return {
    source: spec.source,
    sha256: spec.hash,
    title: String(doc.info.title ?? ""),
    version: String(doc.info.version ?? ""),
    openapi: spec.openapi,
    converted: spec.converted,
    servers: (doc.servers ?? []).map((s) => String(s.url)),
    securitySchemes: Object.entries(schemes).map(([name, s]) => ({
      name,
      type: isObject(s) ? String(s.type ?? "") : "",
      detail: isObject(s) ? schemeDetail(s) : "",
    })),
    operations,
    lists: describeListOperations(spec),
    auth: model?.auth ?? { kind: "none" },
    validation: model?.validation ?? { operationId: "", reason: "no operations" },
    defaultSelection: operations.filter((o) => o.isDefault).map((o) => o.operationId),
    // document warnings plus what the default selection shows (oneOf without discriminator…)
    warnings: [
      ...spec.warnings,
      ...(model?.warnings ?? []).filter((w) => !spec.warnings.includes(w) && !said(spec, w.code)),
    ],
    webhooks: webhookReport(spec),
  };
}

/** The model restates two document warnings in its own words; doctor says each thing once. */
function said(spec: LoadedSpec, code: string): boolean {
  const covers: Record<string, string> = {
    AUTH_NOT_DECLARED: "NO_SECURITY",
    NO_BASE_URL: "NO_SERVERS",
  };
  const by = covers[code];
  return by !== undefined && spec.warnings.some((w) => w.code === by);
}

function schemeDetail(s: Record<string, unknown>): string {
  if (s.type === "apiKey") return `${String(s.in)} ${String(s.name)}`;
  if (s.type === "http") return String(s.scheme ?? "");
  if (s.type === "oauth2" && isObject(s.flows)) return Object.keys(s.flows).join(", ");
  return "";
}

/** Spec text is untrusted: control characters would drive the terminal, so they are shown escaped. */
function clean(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function paging(p: Pagination): string {
  switch (p.style) {
    case "cursor":
      return `cursor ${p.cursorParam} (${p.cursorIn}) → ${p.nextCursor.join(".")}`;
    case "nextUrl":
      return `next URL ${p.nextUrl.join(".")}`;
    case "link":
      return "Link header";
    case "page":
      return `page ${p.pageParam}${p.perPageParam ? ` + ${p.perPageParam}` : ""}`;
    case "offset":
      return `offset ${p.offsetParam} + ${p.limitParam}`;
    default:
      return "none";
  }
}

function render(r: Report): string {
  const c = clean;
  const out: string[] = [];
  const line = (text = ""): number => out.push(text);
  const converted = r.converted ? " (converted from Swagger 2.0)" : "";
  line(`${pc.bold(c(r.title))} ${c(r.version)} — OpenAPI ${c(r.openapi)}${converted}`);
  line(pc.dim(`${c(r.source)}  sha256 ${r.sha256.slice(0, 12)}`));
  line();
  line(pc.bold("Servers"));
  for (const s of r.servers.length ? r.servers : ["(none)"]) line(`  ${c(s)}`);
  line(pc.bold("Security schemes"));
  for (const s of r.securitySchemes) line(`  ${c(s.name)}: ${c(s.type)} ${c(s.detail)}`);
  if (r.securitySchemes.length === 0) line("  (none declared)");
  const scheme = "schemeName" in r.auth && r.auth.schemeName ? ` (${c(r.auth.schemeName)})` : "";
  line(`  → auth: ${r.auth.kind}${scheme}`);
  line();
  line(pc.bold(`Operations (${r.operations.length})`));
  let tag: string | undefined;
  for (const o of r.operations) {
    if (o.tag !== tag) {
      tag = o.tag;
      line(`  ${pc.cyan(c(tag))}`);
    }
    const marks = [
      o.isList ? "list" : "",
      o.recordKind !== "none" ? o.recordKind : "",
      o.isDefault ? pc.green("default") : "",
    ];
    line(
      `    ${o.method.toUpperCase().padEnd(6)} ${c(o.path)}  ${pc.dim(c(o.operationId))} ${marks.filter(Boolean).join(" ")}`,
    );
  }
  line();
  line(pc.bold(`List operations (${r.lists.length})`));
  for (const l of r.lists) {
    const at = c(l.recordsPath.join(".")) || "(body)";
    line(
      `  ${c(l.operationId)}: ${l.recordKind}, records at ${at}, pagination ${c(paging(l.pagination))}`,
    );
  }
  line();
  line(`${pc.bold("Validation call")}: ${c(r.validation.operationId)} — ${c(r.validation.reason)}`);
  line(`${pc.bold("Default selection")}: ${r.defaultSelection.map(c).join(", ")}`);
  line();
  for (const text of renderWebhooks(r.webhooks, c)) line(text);
  line();
  line(pc.bold(`Warnings (${r.warnings.length})`));
  for (const w of r.warnings)
    line(`  ${pc.yellow("!")} ${c(w.message)}${w.pointer ? pc.dim(` (${c(w.pointer)})`) : ""}`);
  return `${out.join("\n")}\n`;
}
