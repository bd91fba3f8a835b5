// One file through the rules: a single AST walk dispatching to every enabled rule's visitors, then
// suppressions.
import { type LintConfig, ruleSetting } from "./config.js";
import { at, ENGINE_IDS } from "./diagnostic.js";
import type { IntegrationFolder } from "./folder.js";
import type { RuleId } from "./rule-ids.js";
import { RULES } from "./rules/index.js";
import { findSuppressions } from "./suppressions.js";
import type { ClassDeclaration, Node, SourceFile, TS } from "./ts.js";
import type { Diagnostic, LintFile, Rule, RuleContext, Severity, Visitor } from "./types.js";

const KNOWN = new Set(RULES.map((r) => r.id));

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

export interface FileRun {
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

export function runRules(ts: TS, run: FileRun, config: LintConfig): void {
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
export function applySuppressions(ts: TS, run: FileRun): void {
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
