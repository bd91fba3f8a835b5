/** `capkit generate --events … [--signature …]`: the receiver kind, reported like the pull kind. */
import { relative } from "node:path";
import pc from "picocolors";
import { CapkitError } from "../errors.js";
import { exampleSpecPath } from "../generate/example.js";
import type { ReceiverResult } from "../generate/receiver.js";
import { detailLines, handoffVerification } from "./generate-report.js";

export interface ReceiverFlags {
  spec?: string;
  name?: string;
  out?: string;
  events?: string;
  signature?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  yes?: boolean;
  verify?: boolean;
  specHeader?: string;
  allowRemoteRefs?: boolean;
}

const list = (value: string | undefined) =>
  value
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean) ?? [];

export async function runReceiver(flags: ReceiverFlags): Promise<number> {
  if (!flags.spec && !flags.yes) {
    throw new CapkitError(
      "MISSING_FLAGS",
      "capkit generate --events needs --spec <path|url> (the document with the webhooks).",
      { exitCode: 2 },
    );
  }
  const { generateReceiver } = await import("../generate/receiver.js");
  const cwd = process.cwd();
  const specHeader = flags.specHeader ?? process.env.CAPKIT_SPEC_HEADER;
  const result = await generateReceiver({
    spec: flags.spec ?? exampleSpecPath(),
    ...(flags.name ? { name: flags.name } : {}),
    events: list(flags.events),
    ...(flags.signature ? { signature: flags.signature } : {}),
    ...(flags.out ? { out: flags.out } : {}),
    force: flags.force === true,
    dryRun: flags.dryRun === true,
    verify: flags.verify !== false,
    cwd,
    ...(specHeader ? { specHeader } : {}),
    allowRemoteRefs: flags.allowRemoteRefs === true,
    ...(!flags.json && process.stderr.isTTY
      ? { onProgress: (m: string) => process.stderr.write(pc.dim(`${m}…\n`)) }
      : {}),
  });
  process.stdout.write(
    flags.json
      ? `${JSON.stringify(receiverJson(result, cwd), null, 2)}\n`
      : `${formatReceiverReport(result, cwd)}\n`,
  );
  return result.verification && !result.verification.ok ? 1 : 0;
}

function transforms(result: ReceiverResult): string[] {
  return result.model.events.map((e) => {
    const kind =
      e.recordKind === "asset" ? "Asset" : e.recordKind === "risk" ? "Risk" : "Attribute";
    return `to${e.recordName}${kind}`;
  });
}

export function receiverNextStep(result: ReceiverResult, cwd: string): string {
  const dir = relative(cwd, result.outDir) || ".";
  return `write ${transforms(result).join(", ")} in ${dir}/${result.model.fileBase}_transform.ts until \`npx vitest run ${dir}\` is green; serve ${result.model.className} with nodeListener() (see the runtime README for Express, Fastify, Hono and Lambda); \`capkit lint ${dir}\` checks the platform rules.`;
}

export function formatReceiverReport(result: ReceiverResult, cwd: string): string {
  const dir = relative(cwd, result.outDir) || ".";
  const m = result.model;
  const out = [
    `${pc.bold(result.written ? "Generated" : "Would generate")} ${dir} from ${m.title} ${m.version}: a receiver of ${m.events.length} event(s), ${m.signature} signatures.`,
  ];
  out.push(...detailLines(result.files, m, result.verification, 32));
  if (result.written) out.push(`Next step: ${receiverNextStep(result, cwd)}`);
  return out.join("\n");
}

function receiverJson(result: ReceiverResult, cwd: string) {
  const v = result.verification;
  const dir = relative(cwd, result.outDir) || ".";
  const counts = v
    ? `${v.tests.passed} passed, ${v.tests.red} failing as expected (RED)`
    : "not verified";
  return {
    status: !result.written ? "needs_review" : v && !v.ok ? "blocked" : "complete",
    summary: result.written
      ? `Generated the ${result.model.title} webhook receiver (${result.model.events.length} events, ${result.model.signature} signatures): ${v ? `build ${v.build.ok ? "ok" : "failed"}, ${counts}` : counts}.`
      : `Dry run: ${result.files.length} files would be written to ${dir}.`,
    files_modified: result.written ? result.files.map((f) => `${dir}/${f.path}`) : [],
    verification: handoffVerification(v),
    handoff: {
      recommended_agent: "integration-developer",
      context: `Next: ${receiverNextStep(result, cwd)}`,
    },
  };
}
