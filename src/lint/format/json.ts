import { resolve } from "node:path";
import type { Diagnostic } from "../types.js";
import { counts, type FormatInput } from "./summary.js";

/** ESLint's JSON formatter shape: one entry per linted file, absolute `filePath`, severity 2/1. */
export function formatJson(input: FormatInput): string {
  const byFile = new Map<string, Diagnostic[]>(input.files.map((f) => [f, []]));
  for (const d of input.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const results = [...byFile.keys()].sort().map((file) => {
    const list = byFile.get(file) ?? [];
    const { errors, warnings } = counts(list);
    return {
      filePath: resolve(input.cwd, file),
      messages: list.map((d) => ({
        ruleId: d.ruleId,
        severity: d.severity === "error" ? 2 : 1,
        message: d.message,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
      })),
      errorCount: errors,
      fatalErrorCount: list.filter((d) => d.ruleId === "parse-error").length,
      warningCount: warnings,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      suppressedMessages: [],
    };
  });
  return `${JSON.stringify(results, null, 2)}\n`;
}
