import pc from "picocolors";
import type { Diagnostic } from "../types.js";
import { counts, type FormatInput } from "./summary.js";

/** Two lines of context and a caret: cheap, since the text is already in memory. */
function codeFrame(
  text: string,
  d: Diagnostic,
  colors: ReturnType<typeof pc.createColors>,
): string[] {
  const lines = text.split("\n");
  const width = String(Math.min(d.line + 1, lines.length)).length;
  const out: string[] = [];
  for (let n = Math.max(1, d.line - 1); n <= Math.min(lines.length, d.line + 1); n++) {
    const marker = n === d.line ? colors.red(">") : " ";
    const code = (lines[n - 1] ?? "").replace(/\t/g, "  ").replace(/\r$/, "");
    out.push(`  ${marker} ${colors.dim(`${String(n).padStart(width)} |`)} ${code}`);
    if (n === d.line) {
      const span = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : 1;
      out.push(
        `    ${" ".repeat(width)} ${colors.dim("|")} ${" ".repeat(d.column - 1)}${colors.red("^".repeat(Math.min(span, 60)))}`,
      );
    }
  }
  return out;
}

export function formatPretty(input: FormatInput): string {
  const colors = pc.createColors(input.color);
  const out: string[] = [];
  for (const d of input.diagnostics) {
    // `file:line:col  rule  message`: the shape editors and terminals turn into links
    const rule = d.severity === "error" ? colors.red(d.ruleId) : colors.yellow(d.ruleId);
    const warning = d.severity === "warning" ? colors.yellow("  (warning)") : "";
    out.push(`${colors.bold(`${d.file}:${d.line}:${d.column}`)}  ${rule}  ${d.message}${warning}`);
    if (d.fix) out.push(`  ${colors.green("fix:")} ${d.fix}`);
    const text = input.sources.get(d.file);
    if (
      text !== undefined &&
      !(d.line === 1 && d.column === 1 && d.endLine === 1 && d.endColumn === 1)
    ) {
      out.push(...codeFrame(text, d, colors));
    }
    out.push("");
  }
  const { errors, warnings } = counts(input.diagnostics);
  const files = `${input.files.length} file${input.files.length === 1 ? "" : "s"}`;
  if (errors + warnings === 0) out.push(colors.green(`✔ no problems in ${files}`));
  else
    out.push(
      colors.bold(
        `✖ ${errors + warnings} problem${errors + warnings === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}) in ${files}`,
      ),
    );
  return `${out.join("\n")}\n`;
}
