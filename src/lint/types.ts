// Plain data shapes shared by the linter's modules. A leaf: it imports nothing, so config, folder and
// rule modules can all depend on it without importing each other in a circle.

export interface Position {
  line: number;
  column: number;
}

export type Severity = "error" | "warning";
export type RuleSetting = Severity | "off";

/** One finding. Lines and columns are 1-based, as in ESLint's JSON and SARIF regions. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  /** Path relative to the working directory, with `/` separators. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fix?: string;
}

/** What a file is inside an integration folder (section 4 of the brief). */
export type FileRole = "main" | "client" | "types" | "transform" | "test" | "other";

export interface LintFile {
  /** Display path (cwd-relative, `/` separators). */
  path: string;
  text: string;
  role: FileRole;
  /** True for generator-owned files: `@generated` header or `owner: "generated"` in the manifest. */
  generated: boolean;
}
