import type { Diagnostic } from "../types.js";

export interface FormatInput {
  diagnostics: Diagnostic[];
  /** Every linted file (display paths), for formats that list clean files too. */
  files: string[];
  /** Source text of files with findings, for code frames. */
  sources: ReadonlyMap<string, string>;
  /** Absolute working directory: json reports absolute paths like ESLint. */
  cwd: string;
  color: boolean;
}

export function counts(list: Diagnostic[]): { errors: number; warnings: number } {
  const errors = list.filter((d) => d.severity === "error").length;
  return { errors, warnings: list.length - errors };
}
