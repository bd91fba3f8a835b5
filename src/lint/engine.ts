import { posix } from "node:path";
import { type LintConfig, ruleSetting } from "./config.js";
import { IntegrationFolder, type Store } from "./folder.js";
import type { RuleId } from "./rule-ids.js";
import { RULES } from "./rules/index.js";
import { findSuppressions } from "./suppressions.js";
import { type ClassDeclaration, loadTs, type Node, parse, type SourceFile, type TS } from "./ts.js";
import type { Diagnostic, LintFile, Rule, RuleContext, Severity, Visitor } from "./types.js";

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

export interface LintResult {
  files: string[];
  diagnostics: Diagnostic[];
  /** Text of the files that have findings (for code frames). */
  sources: Map<string, string>;
}

const KNOWN = new Set(RULES.map((r) => r.id));

function at(
  file: string,
  line: number,
  column: number,
  rest: Omit<Diagnostic, "file" | "line" | "column" | "endLine" | "endColumn">,
): Diagnostic {
  return { file, line, column, endLine: line, endColumn: column, ...rest };
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

function isGenerated(text: string, folder: IntegrationFolder, name: string): boolean {
  const owner = folder.manifest().value?.files[name]?.owner;
  return owner === "generated" || text.slice(0, 500).includes("@generated");
}

/** Bytes → text, or the reason the file cannot be linted (never throws). */
function decode(path: string, bytes: Buffer | undefined, config: LintConfig): string | Diagnostic {
  const skip = (message: string, severity: Severity = "warning") =>
    at(path, 1, 1, { ruleId: ENGINE_IDS.skipped, severity, message });
  if (!bytes) return skip("cannot read the file", "error");
  if (bytes.length > config.maxFileBytes) {
    return skip(
      `skipped: ${bytes.length} bytes is over the ${config.maxFileBytes}-byte cap (maxFileBytes)`,
    );
  }
  if (isBinary(bytes)) return skip("skipped: binary content (NUL bytes) in a .ts file");
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (text.trim() === "")
    return at(path, 1, 1, {
      ruleId: ENGINE_IDS.empty,
      severity: "warning",
      message: "file is empty",
    });
  return text;
}

function lineCol(sf: SourceFile, pos: number): { line: number; column: number } {
  const { line, character } = sf.getLineAndCharacterOfPosition(pos);
  return { line: line + 1, column: character + 1 };
}

function firstClass(ts: TS, sf: SourceFile): ClassDeclaration | undefined {
  const classes = sf.statements.filter(ts.isClassDeclaration);
  return (
    classes.find((c) => c.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) ??
    classes[0]
  );
}

interface FileRun {
  file: LintFile;
  folder: IntegrationFolder;
  sf: SourceFile;
  out: Diagnostic[];
  configErrors: Diagnostic[];
  /** Rules that threw on this file: skipped for the rest of it. */
  crashed: Set<string>;
}

function contextFor(
  ts: TS,
  rule: Rule,
  severity: Severity,
  run: FileRun,
  config: LintConfig,
): RuleContext {
  const { sf, file } = run;
  let cls: { value: ClassDeclaration | undefined } | undefined;
  return {
    ts,
    sf,
    file,
    folder: run.folder,
    config,
    mainClass: () => {
      cls ??= { value: firstClass(ts, sf) };
      return cls.value;
    },
    report: (node, message, level) => {
      const isNode = node !== undefined && "kind" in node;
      const start = isNode ? lineCol(sf, node.getStart(sf)) : (node ?? { line: 1, column: 1 });
      const end = isNode ? lineCol(sf, node.getEnd()) : start;
      run.out.push({
        ruleId: rule.id,
        severity: severity === "warning" || level === "warning" ? "warning" : "error",
        file: file.path,
        ...start,
        endLine: end.line,
        endColumn: end.column,
        message: message ?? rule.meta.description,
        fix: rule.meta.fix,
      });
    },
    configError: (message) =>
      run.configErrors.push(
        at(file.path, 1, 1, {
          ruleId: ENGINE_IDS.config,
          severity: "error",
          message: `${rule.id}: ${message}`,
        }),
      ),
  };
}

/** A rule that throws on some odd file must not take the run down: report it and drop the rule for that file. */
function guarded(rule: Rule, run: FileRun, fn: () => void): void {
  if (run.crashed.has(rule.id)) return;
  try {
    fn();
  } catch (error) {
    run.crashed.add(rule.id);
    const message = `rule ${rule.id} failed on this file (${(error as Error).message}); please report it`;
    run.out.push(
      at(run.file.path, 1, 1, { ruleId: ENGINE_IDS.internal, severity: "error", message }),
    );
  }
}

function runRules(ts: TS, run: FileRun, config: LintConfig): void {
  const table = new Map<number, Visitor[]>();
  const ends: (() => void)[] = [];
  for (const rule of RULES) {
    if (!rule.check || !rule.roles.includes(run.file.role)) continue;
    const setting = ruleSetting(config, rule.id as RuleId, run.file.path);
    if (setting === "off") continue;
    let visitors: ReturnType<NonNullable<Rule["check"]>>;
    guarded(rule, run, () => {
      visitors = rule.check?.(contextFor(ts, rule, setting, run, config));
    });
    for (const [kind, fn] of Object.entries(visitors ?? {})) {
      const safe = (node?: Node) => guarded(rule, run, () => (fn as Visitor)(node as Node));
      if (kind === "end") ends.push(safe);
      else table.set(Number(kind), [...(table.get(Number(kind)) ?? []), safe]);
    }
  }
  if (table.size > 0) {
    const visit = (node: Node): void => {
      for (const fn of table.get(node.kind) ?? []) fn(node);
      ts.forEachChild(node, visit);
    };
    visit(run.sf);
  }
  for (const end of ends) end();
}

/** Drops suppressed findings, reports bad and unused directives. */
function applySuppressions(ts: TS, run: FileRun): void {
  if (!run.file.text.includes("capkit-disable")) return;
  const { suppressions, problems } = findSuppressions(ts, run.sf, KNOWN);
  run.out = run.out.filter((d) => {
    const hit = suppressions.find((s) => s.target === d.line && s.rules.includes(d.ruleId));
    if (hit) hit.used = true;
    return !hit;
  });
  for (const p of problems)
    run.out.push(
      at(run.file.path, p.line, p.column, {
        ruleId: ENGINE_IDS.badSuppression,
        severity: "error",
        message: p.message,
      }),
    );
  for (const s of suppressions.filter((x) => !x.used)) {
    run.out.push(
      at(run.file.path, s.line, s.column, {
        ruleId: ENGINE_IDS.unusedSuppression,
        severity: "warning",
        message: `unused suppression: no ${s.rules.join(", ")} finding on line ${s.target}`,
      }),
    );
  }
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

/** Lints `targets` (display paths) read through `store`. Never throws for bad file content. */
export async function lintTargets(
  targets: string[],
  store: Store,
  config: LintConfig,
): Promise<LintResult> {
  const folders = new Map<string, IntegrationFolder>();
  const folderOf = (dir: string) =>
    folders.get(dir) ?? folders.set(dir, new IntegrationFolder(dir, store)).get(dir)!;
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  for (const path of targets) {
    const folder = folderOf(posix.dirname(path));
    const decoded = decode(path, store.read(path), config);
    if (typeof decoded !== "string") {
      diagnostics.push(decoded);
      continue;
    }
    texts.set(path, decoded);
    const name = posix.basename(path);
    const role = folder.isIntegration
      ? folder.roleOf(name)
      : name.endsWith(".test.ts")
        ? "test"
        : "other";
    const file: LintFile = {
      path,
      text: decoded,
      role,
      generated: isGenerated(decoded, folder, name),
    };
    const ts = await loadTs();
    const { sf, errors } = parse(ts, path, decoded);
    if (errors.length > 0) {
      for (const e of errors.slice(0, 3))
        diagnostics.push(
          at(path, e.line, e.column, {
            ruleId: ENGINE_IDS.parse,
            severity: "error",
            message: `syntax error: ${e.message}`,
          }),
        );
      continue;
    }
    const run: FileRun = { file, folder, sf, out: [], configErrors: [], crashed: new Set() };
    runRules(ts, run, config);
    applySuppressions(ts, run);
    diagnostics.push(...run.out, ...run.configErrors);
  }
  for (const folder of folders.values()) {
    if (!folder.isIntegration) continue;
    const main = folder.path(`${folder.service}.ts`);
    for (const rule of RULES) {
      if (!rule.checkFolder) continue;
      const setting = ruleSetting(config, rule.id as RuleId, main);
      if (setting === "off") continue;
      rule.checkFolder({
        folder,
        config,
        report: (file, message) =>
          diagnostics.push(
            at(file, 1, 1, { ruleId: rule.id, severity: setting, message, fix: rule.meta.fix }),
          ),
      });
    }
  }
  const withFindings = new Set(diagnostics.map((d) => d.file));
  const sources = new Map([...texts].filter(([path]) => withFindings.has(path)));
  return { files: [...targets].sort(), diagnostics: sortDiagnostics(diagnostics), sources };
}
