import type { LintConfig } from "./config.js";
import type { IntegrationFolder } from "./folder.js";
import type { ClassDeclaration, Node, SourceFile, TS } from "./ts.js";

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

/** What a file is inside an integration folder, from its name (section 4 of the brief). */
export type FileRole = "main" | "client" | "types" | "transform" | "test" | "other";

export interface LintFile {
  /** Display path (cwd-relative, `/` separators). */
  path: string;
  text: string;
  role: FileRole;
  /** True for generator-owned files: `@generated` header or `owner: "generated"` in the manifest. */
  generated: boolean;
}

export type Visitor = (node: Node) => void;
/** Visitors keyed by `ts.SyntaxKind`; `end` runs after the walk. */
export type Visitors = Partial<Record<number, Visitor>> & { end?: () => void };

export interface RuleContext {
  ts: TS;
  sf: SourceFile;
  file: LintFile;
  folder: IntegrationFolder;
  config: LintConfig;
  /** The capability class of a main file: the first class with an `extends` clause, else the first class. */
  mainClass(): ClassDeclaration | undefined;
  /** Report at a node's span, a line/column, or line 1 when undefined. */
  report(at: Node | Position | undefined, message?: string, severity?: Severity): void;
  /** The configured names match nothing here: a config problem, not a finding (exit 2). */
  configError(message: string): void;
}

export interface FolderContext {
  folder: IntegrationFolder;
  config: LintConfig;
  /** Report at line 1 of a file of the folder (cross-file rules have no span). */
  report(file: string, message: string): void;
}

export interface RuleMeta {
  /** One line: what the rule wants (also the default message). */
  description: string;
  /** Why the platform insists on it. */
  why: string;
  /** How to fix a finding. */
  fix: string;
  /** Docs page, relative to the package root. */
  docs: string;
}

export interface Rule {
  id: string;
  meta: RuleMeta;
  /** File roles the per-file check runs on. */
  roles: readonly FileRole[];
  check?: (context: RuleContext) => Visitors | undefined;
  /** Cross-file part, run once per integration folder touched by the lint. */
  checkFolder?: (context: FolderContext) => void;
}
