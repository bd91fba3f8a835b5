/**
 * How `capkit generate` reports: the platform's usual form for humans (build ok, N passed, M failing
 * as expected, next step) and the agents' JSON (`status`, `summary`, `files_modified`, …).
 */
import { relative } from "node:path";
import pc from "picocolors";
import type { GenerateResult } from "../generate/index.js";
import { type StageEvent, stageText } from "../generate/stages.js";

export interface Handoff {
  status: "complete" | "needs_review" | "blocked";
  summary: string;
  files_modified: string[];
  verification: { tests_passed: boolean; build_success: boolean; command_output: string };
  handoff: { recommended_agent: string; context: string };
}

function transformNames(result: GenerateResult): string[] {
  return result.model.operations.map((op) => {
    const kind =
      op.recordKind === "asset" ? "Asset" : op.recordKind === "risk" ? "Risk" : "Attribute";
    return `to${op.recordName.charAt(0).toUpperCase()}${op.recordName.slice(1)}${kind}`;
  });
}

export function nextStep(result: GenerateResult, cwd: string): string {
  const dir = relative(cwd, result.outDir) || ".";
  const transforms = transformNames(result);
  return `write ${transforms.join(", ")} in ${dir}/${result.model.fileBase}_transform.ts until \`npx vitest run ${dir}\` is green, then checkAffiliation in ${dir}/${result.model.fileBase}.ts; \`capkit lint ${dir}\` checks the platform rules.`;
}

export function toHandoff(result: GenerateResult, cwd: string): Handoff {
  const v = result.verification;
  const files = result.files.map((f) => `${relative(cwd, result.outDir) || "."}/${f.path}`);
  const counts = v
    ? `${v.tests.passed} passed, ${v.tests.red} failing as expected (RED)`
    : "not verified";
  const status = !result.written ? "needs_review" : v && !v.ok ? "blocked" : "complete";
  const summary = result.written
    ? `Generated the ${result.model.title} integration (${result.model.operations.length} operations, ${result.model.auth.kind} auth): ${v ? `build ${v.build.ok ? "ok" : "failed"}, ${counts}` : counts}.`
    : `Dry run: ${result.files.length} files would be written to ${relative(cwd, result.outDir) || "."}.`;
  return {
    status,
    summary,
    files_modified: result.written ? files : [],
    verification: handoffVerification(v),
    handoff: {
      recommended_agent: "integration-developer",
      context: `Next: ${nextStep(result, cwd)}`,
    },
  };
}

export function formatReport(result: GenerateResult, cwd: string): string {
  const out: string[] = [];
  const dir = relative(cwd, result.outDir) || ".";
  const m = result.model;
  out.push(
    `${pc.bold(result.written ? "Generated" : "Would generate")} ${dir} from ${m.title} ${m.version}: ${m.operations.length} operation(s), ${m.auth.kind} auth, credentials checked with ${m.validation.reason}.`,
  );
  out.push(...detailLines(result.files, m, result.verification, 28));
  if (result.written) out.push(`Next step: ${nextStep(result, cwd)}`);
  return out.join("\n");
}

/** The files, renames, warnings and verification of a run: the same lines for both kinds. */
export function detailLines(
  files: GenerateResult["files"],
  notes: Pick<GenerateResult["model"], "renames" | "warnings">,
  v: GenerateResult["verification"],
  width: number,
): string[] {
  const out: string[] = [];
  for (const f of files) {
    const owner = f.owner === "hand" ? "yours" : "generated";
    out.push(
      `  ${f.path.padEnd(width)} ${String(f.lines).padStart(4)} lines  ${f.status.padEnd(9)} ${pc.dim(owner)}`,
    );
    if (f.diff) out.push(pc.dim(f.diff.trimEnd()));
  }
  for (const r of notes.renames)
    out.push(pc.yellow(`  renamed ${r.kind} ${JSON.stringify(r.from)} → ${r.to}: ${r.reason}`));
  for (const w of notes.warnings)
    out.push(pc.yellow(`  warning: ${w.message}${w.pointer ? ` (at ${w.pointer})` : ""}`));
  if (v) out.push(stageLine(stageText.typechecked(v.build)), stageLine(stageText.tested(v.tests)));
  return out;
}

/** The `verification` object of the JSON handoff. */
export function handoffVerification(v: GenerateResult["verification"]): Handoff["verification"] {
  const counts = v
    ? `${v.tests.passed} passed, ${v.tests.red} failing as expected (RED)`
    : "not verified";
  return {
    tests_passed: v ? v.tests.ran && v.tests.unexpected.length === 0 : false,
    build_success: v ? v.build.ok : false,
    command_output: v
      ? `${v.build.command}: ${v.build.ok ? "ok" : v.build.output}\n${v.tests.command}: ${counts}`
      : "",
  };
}

/** `✔ build ok`, `✘ 1 failing unexpectedly`, or `loading x…` for a stage that has just started. */
export function stageLine(event: StageEvent): string {
  if (event.status === "start") return pc.dim(`${event.text}…`);
  return `${event.status === "done" ? pc.green("✔") : pc.red("✘")} ${event.text}`;
}

/** Progress on a terminal's stderr: one line per stage event. */
export function printStage(stream: { write(text: string): unknown }) {
  return (event: StageEvent): void => {
    stream.write(`${stageLine(event)}\n`);
  };
}
