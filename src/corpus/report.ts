/** The corpus table for people; the JSON report is the `CorpusReport` itself. */
import pc from "picocolors";
import type { CorpusReport } from "./types.js";

const MARK = { ok: pc.green("ok"), rejected: pc.yellow("rejected"), broken: pc.red("broken") };

export function formatTable(report: CorpusReport): string {
  const width = Math.max(8, ...report.documents.map((d) => d.path.length));
  const rows = report.documents.map((d) => {
    const cols = [
      d.path.padEnd(width),
      MARK[d.status] + " ".repeat(8 - d.status.length),
      String(d.operations).padStart(3),
      String(d.files).padStart(5),
      String(d.maxLines).padStart(9),
      `${d.testsPassed}/${d.testsRed}`.padStart(9),
      `${(d.generateMs / 1000).toFixed(1)} s`.padStart(7),
    ];
    const why = d.status === "ok" ? "" : `\n    ${d.reasons.slice(0, 3).join("\n    ")}`;
    return `${cols.join("  ")}${why}`;
  });
  const header = [
    "document".padEnd(width),
    "status".padEnd(8),
    "ops",
    "files",
    "max lines",
    "pass/RED",
    "generate",
  ].join("  ");
  const t = report.totals;

  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    header,
    ...rows,
    "",
    `${t.documents} documents: ${t.ok} ok, ${t.rejected} rejected, ${t.broken} broken`,
    `time: generate ${s(report.timings.generateMs)}, lint ${s(report.timings.lintMs)}, eslint ${s(report.timings.eslintMs)}, type-check ${s(report.timings.typecheckMs)}, tests ${s(report.timings.testsMs)}, total ${s(report.timings.totalMs)}`,
  ].join("\n");
}
