// What a rule is and what it is given: the per-file context (parsed source, the integration folder,
// the config) and the per-folder context of cross-file rules.
import type { Node, Source, Span } from "./ast.js";
import type { LintConfig } from "./config-defaults.js";
import type { IntegrationFolder } from "./folder.js";
import type { ClassNode } from "./predicates.js";
import type { FileRole, LintFile, Position, Severity } from "./types.js";

export type Visitor = (node: Node) => void;
/** Visitors keyed by ESTree node type (`CallExpression`…); `end` runs after the walk. */
export type Visitors = { [type in Node["type"]]?: Visitor } & { end?: () => void };

export interface RuleContext {
  source: Source;
  file: LintFile;
  folder: IntegrationFolder;
  config: LintConfig;
  /** The capability class of a main file: the first class with an `extends` clause, else the first class. */
  mainClass(): ClassNode | undefined;
  /** Report at a node's span, a line/column, or line 1 when undefined. */
  report(at: Span | Position | undefined, message?: string, severity?: Severity): void;
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
