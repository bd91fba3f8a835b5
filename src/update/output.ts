/**
 * How `capkit update` reports: the change report, what happened to each file (with its diff on a
 * dry run), the operations added and removed, the conflicts left, and the compile errors the new
 * types cause per hand-written function; the same as JSON with `--json`.
 */
import { relative } from "node:path";
import pc from "picocolors";
import { formatCompileErrors } from "./compile-errors.js";
import { formatChangeReport, reportJson } from "./diff/report.js";
import type { UpdateResult } from "./index.js";

export function conflictsOf(result: UpdateResult): { file: string; line: number }[] {
  return result.hand.flatMap((h) => h.conflicts.map((line) => ({ file: h.path, line })));
}

export function updateExitCode(result: UpdateResult): number {
  if (conflictsOf(result).length > 0) return 1;
  return result.verification && !result.verification.ok ? 1 : 0;
}

export function formatUpdate(result: UpdateResult, cwd: string): string {
  const dir = relative(cwd, result.dir) || ".";
  const out = [formatChangeReport(result.drift.report)];
  if (result.upToDate) {
    out.push(`${pc.green("✔")} ${dir} is up to date: nothing to write.`);
    return out.join("\n");
  }
  for (const [from, to] of result.renamed)
    out.push(`  operation ${from} is now ${to} (same route): kept, with its names`);
  if (result.added.length > 0)
    out.push(`Added: ${result.added.join(", ")} (their transform tests are RED until written).`);
  if (result.removed.length > 0)
    out.push(
      pc.yellow(
        `Removed from the spec: ${result.removed.join(", ")}. Their code was left in place (capkit never deletes yours); delete it when you are ready — tsc names every place below.`,
      ),
    );
  out.push(`${result.written ? "Updated" : "Would update"} ${dir}:`);
  for (const f of result.files) {
    out.push(
      `  ${f.path.padEnd(28)} ${String(f.lines).padStart(4)} lines  ${f.status.padEnd(9)} ${pc.dim(f.owner === "hand" ? "yours" : "generated")}`,
    );
    if (f.diff) out.push(pc.dim(f.diff.trimEnd()));
  }
  for (const h of result.hand) {
    for (const unit of h.inserted) out.push(`  + ${h.path}: ${unit}`);
    for (const note of h.notes) out.push(pc.yellow(`  note: ${note}`));
  }
  const conflicts = conflictsOf(result);
  if (conflicts.length > 0) {
    out.push(
      pc.red(
        `✘ ${conflicts.length} conflict(s) to resolve (standard markers <<<<<<< ======= >>>>>>>):`,
      ),
    );
    for (const c of conflicts) out.push(`    ${dir}/${c.file}:${c.line}`);
  }
  const v = result.verification;
  if (v) {
    out.push(
      v.build.ok
        ? `${pc.green("✔")} build ok (tsc --noEmit)`
        : `${pc.red("✘")} build failed (tsc --noEmit):`,
    );
    if (!v.build.ok) {
      if (result.compileErrors.length > 0) {
        out.push("  compile errors the new types cause, by hand-written function:");
        out.push(...formatCompileErrors(result.compileErrors));
      } else out.push(v.build.output);
    }
    if (v.tests.ran)
      out.push(
        `${v.tests.unexpected.length === 0 ? pc.green("✔") : pc.red("✘")} ${v.tests.passed} passed, ${v.tests.red} failing as expected (RED)${v.tests.unexpected.length ? `, ${v.tests.unexpected.length} failing unexpectedly` : ""}`,
      );
    else out.push(`${pc.red("✘")} tests did not run: ${v.tests.output.split("\n")[0]}`);
  }
  return out.join("\n");
}

export function updateJson(result: UpdateResult) {
  const v = result.verification;
  return {
    status: result.upToDate ? "up-to-date" : result.written ? "updated" : "dry-run",
    exitCode: updateExitCode(result),
    report: reportJson(result.drift.report),
    added: result.added,
    removed: result.removed,
    renamed: Object.fromEntries(result.renamed),
    files: result.files,
    inserted: Object.fromEntries(result.hand.map((h) => [h.path, h.inserted])),
    conflicts: conflictsOf(result),
    notes: result.hand.flatMap((h) => h.notes),
    verification: v
      ? {
          build_success: v.build.ok,
          tests_passed: v.tests.passed,
          tests_red: v.tests.red,
          tests_unexpected: v.tests.unexpected.map((t) => t.name),
        }
      : null,
    compileErrors: result.compileErrors,
  };
}
