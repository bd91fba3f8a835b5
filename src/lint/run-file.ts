// One file through the rules: a single AST walk dispatching to every enabled rule's visitors, then
// suppressions.
import { forEachChild, type Node, type Source, type Span } from "./ast.js";
import { type LintConfig, ruleSetting } from "./config.js";
import { at, ENGINE_IDS } from "./diagnostic.js";
import type { IntegrationFolder } from "./folder.js";
import { type ClassNode, topLevelClasses } from "./predicates.js";
import type { Rule, RuleContext, Visitor } from "./rule.js";
import type { RuleId } from "./rule-ids.js";
import { RULES } from "./rules/index.js";
import { findSuppressions } from "./suppressions.js";
import type { Diagnostic, LintFile, Position, Severity } from "./types.js";

const KNOWN = new Set(RULES.map((r) => r.id));

function firstClass(source: Source): ClassNode | undefined {
  const classes = topLevelClasses(source);
  return classes.find((c) => c.superClass) ?? classes[0];
}

export interface FileRun {
  file: LintFile;
  folder: IntegrationFolder;
  source: Source;
  out: Diagnostic[];
  configErrors: Diagnostic[];
  /** Rules that threw on this file: skipped for the rest of it. */
  crashed: Set<string>;
}

function lineColOf(source: Source, at: Span | Position | undefined): [Position, Position] {
  if (at === undefined)
    return [
      { line: 1, column: 1 },
      { line: 1, column: 1 },
    ];
  if ("start" in at) return [source.lineCol(at.start), source.lineCol(at.end)];
  return [at, at];
}

function contextFor(rule: Rule, severity: Severity, run: FileRun, config: LintConfig): RuleContext {
  const { source, file } = run;
  let cls: { value: ClassNode | undefined } | undefined;
  return {
    source,
    file,
    folder: run.folder,
    config,
    mainClass: () => {
      cls ??= { value: firstClass(source) };
      return cls.value;
    },
    report: (node, message, level) => {
      const [start, end] = lineColOf(source, node);
      run.out.push({
        ruleId: rule.id,
        severity: severity === "warning" || level === "warning" ? "warning" : "error",
        file: file.path,
        line: start.line,
        column: start.column,
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

export function runRules(run: FileRun, config: LintConfig): void {
  const table = new Map<string, Visitor[]>();
  const ends: (() => void)[] = [];
  for (const rule of RULES) {
    if (!rule.check || !rule.roles.includes(run.file.role)) continue;
    const setting = ruleSetting(config, rule.id as RuleId, run.file.path);
    if (setting === "off") continue;
    let visitors: ReturnType<NonNullable<Rule["check"]>>;
    guarded(rule, run, () => {
      visitors = rule.check?.(contextFor(rule, setting, run, config));
    });
    for (const [type, fn] of Object.entries(visitors ?? {})) {
      if (type === "end") {
        ends.push(() => guarded(rule, run, fn as () => void));
        continue;
      }
      const safe = (node: Node) => guarded(rule, run, () => (fn as Visitor)(node));
      table.set(type, [...(table.get(type) ?? []), safe]);
    }
  }
  if (table.size > 0) {
    const visit = (node: Node): undefined => {
      const fns = table.get(node.type);
      if (fns) for (const fn of fns) fn(node);
      return forEachChild(node, visit);
    };
    visit(run.source.program);
  }
  for (const end of ends) end();
}

/** Drops suppressed findings, reports bad and unused directives. */
export function applySuppressions(run: FileRun): void {
  if (!run.file.text.includes("capkit-disable")) return;
  const { suppressions, problems } = findSuppressions(run.source, KNOWN);
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
