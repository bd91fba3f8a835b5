import type { Diagnostic } from "./types.js";

/** Ids the engine itself reports (not rules: they cannot be switched off). */
export const ENGINE_IDS = {
  parse: "parse-error",
  skipped: "file-skipped",
  empty: "empty-file",
  badSuppression: "bad-suppression",
  unusedSuppression: "unused-suppression",
  config: "config",
  internal: "internal-error",
} as const;

export function at(
  file: string,
  line: number,
  column: number,
  rest: Omit<Diagnostic, "file" | "line" | "column" | "endLine" | "endColumn">,
): Diagnostic {
  return { file, line, column, endLine: line, endColumn: column, ...rest };
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.line - b.line ||
          a.column - b.column ||
          (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
