/**
 * The change report for people (grouped by operation, breaking first) and for machines (`--json`),
 * and the drift check's verdict: 0 nothing changed in the integration's operations, 1 a breaking
 * change touches it, 3 only non-breaking changes did.
 */
import pc from "picocolors";
import type { SpecChange } from "./change.js";

export interface SpecSide {
  title: string;
  version: string;
  sha256: string;
}

export interface ChangeReport {
  from: SpecSide;
  to: SpecSide;
  /** The operations compared: the integration's, as recorded. */
  operations: string[];
  changes: SpecChange[];
  /** No snapshot to compare with: only the hashes could be compared. */
  snapshotMissing?: boolean;
}

export type Verdict = "unchanged" | "breaking" | "non-breaking";

export function verdict(report: ChangeReport): Verdict {
  if (report.changes.some((c) => c.breaking)) return "breaking";
  if (report.changes.length > 0) return "non-breaking";
  // without a snapshot, a new hash may hide anything: say so rather than call it unchanged
  if (report.snapshotMissing && report.from.sha256 !== report.to.sha256) return "breaking";
  return "unchanged";
}

export const CHECK_EXIT: Record<Verdict, number> = { unchanged: 0, breaking: 1, "non-breaking": 3 };

export function reportJson(report: ChangeReport) {
  const v = verdict(report);
  return {
    verdict: v,
    exitCode: CHECK_EXIT[v],
    from: report.from,
    to: report.to,
    breaking: report.changes.filter((c) => c.breaking).length,
    nonBreaking: report.changes.filter((c) => !c.breaking).length,
    ...(report.snapshotMissing ? { snapshotMissing: true } : {}),
    operations: Object.fromEntries(
      groupByOperation(report).map(([op, changes]) => [
        op,
        changes.map(({ operation: _, ...rest }) => rest),
      ]),
    ),
  };
}

function groupByOperation(report: ChangeReport): [string, SpecChange[]][] {
  const order = ["*", ...report.operations];
  const groups = new Map<string, SpecChange[]>();
  for (const change of report.changes) {
    const list = groups.get(change.operation) ?? [];
    list.push(change);
    groups.set(change.operation, list);
  }
  return [...groups]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([op, list]) => [op, [...list].sort((x, y) => Number(y.breaking) - Number(x.breaking))]);
}

const side = (s: SpecSide) => `${s.title} ${s.version}`.trim();

export function formatChangeReport(report: ChangeReport): string {
  const breaking = report.changes.filter((c) => c.breaking).length;
  const other = report.changes.length - breaking;
  const out: string[] = [];
  const span =
    side(report.from) === side(report.to)
      ? side(report.to)
      : `${side(report.from)} → ${side(report.to)}`;
  if (report.snapshotMissing) {
    out.push(
      `${span}: no recorded spec to compare with (.capkit/spec.json is missing); the spec's hash ${report.from.sha256 === report.to.sha256 ? "is unchanged" : "changed"}. \`capkit update\` records one.`,
    );
    return out.join("\n");
  }
  if (report.changes.length === 0) {
    const same = report.from.sha256 === report.to.sha256;
    out.push(
      `${span}: ${same ? "the spec is unchanged" : "the spec changed, but not in the integration's operations"} (${report.operations.length} compared).`,
    );
    return out.join("\n");
  }
  out.push(
    `${span}: ${breaking} breaking, ${other} non-breaking change(s) in the integration's ${report.operations.length} operation(s).`,
  );
  for (const [op, changes] of groupByOperation(report)) {
    out.push(pc.bold(op === "*" ? "the integration" : plain(op)));
    for (const c of changes) {
      const mark = c.breaking ? pc.red("✘ breaking    ") : pc.yellow("• non-breaking");
      out.push(`  ${mark} ${plain(c.message)} ${pc.dim(`[${c.id}; ${plain(c.where)}]`)}`);
    }
  }
  return out.join("\n");
}

/** The report as GitHub-flavoured Markdown, for a job summary (`$GITHUB_STEP_SUMMARY`). */
export function changeReportMarkdown(report: ChangeReport, name: string): string {
  const v = verdict(report);
  const out = [`### ${name}: ${v}`, "", `${side(report.from)} → ${side(report.to)}`, ""];
  if (report.changes.length > 0) {
    out.push("| operation | change | breaking | where |", "| --- | --- | --- | --- |");
    for (const [op, changes] of groupByOperation(report)) {
      for (const c of changes)
        out.push(
          `| ${cell(op)} | ${cell(c.message)} | ${c.breaking ? "yes" : "no"} | ${cell(c.where)} |`,
        );
    }
  }
  return `${out.join("\n")}\n`;
}

// Spec text (field names, enum values) is untrusted: no markup, no terminal control sequences.
const cell = (text: string) =>
  plain(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|");

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
export const plain = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
