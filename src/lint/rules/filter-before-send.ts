import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { compactText, findDescendant } from "../predicates.js";
import type { Node, SourceFile, TS } from "../ts.js";

/** A call through the configured filter (`this.filter.asset(x)`), optionally about `subject`. */
function filterCall(
  ts: TS,
  sf: SourceFile,
  filter: string,
  within: Node,
  subject?: string,
): Node | undefined {
  return findDescendant(
    ts,
    within,
    (n) =>
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      compactText(sf, n.expression.expression) === filter &&
      (subject === undefined || n.arguments.some((a) => compactText(sf, a) === subject)),
  );
}

function exits(ts: TS, statement: Node): boolean {
  const last = ts.isBlock(statement) ? statement.statements.at(-1) : statement;
  return (
    last !== undefined &&
    (ts.isContinueStatement(last) ||
      ts.isReturnStatement(last) ||
      ts.isBreakStatement(last) ||
      ts.isThrowStatement(last))
  );
}

/** `if (!this.filter.x(a)) { …send… }` or an earlier `if (this.filter.x(a)) continue;` in an enclosing block. */
function isGuarded(ts: TS, sf: SourceFile, filter: string, send: Node, subject?: string): boolean {
  let child = send;
  for (let at = send.parent; at && !ts.isFunctionLike(at); child = at, at = at.parent) {
    if (ts.isIfStatement(at) && at.thenStatement === child) {
      const cond = at.expression;
      if (
        ts.isPrefixUnaryExpression(cond) &&
        cond.operator === ts.SyntaxKind.ExclamationToken &&
        filterCall(ts, sf, filter, cond, subject)
      )
        return true;
    }
    if (ts.isBlock(at) || ts.isSourceFile(at)) {
      const statements: readonly T.Statement[] = at.statements;
      for (const s of statements.slice(0, statements.indexOf(child as T.Statement))) {
        if (
          ts.isIfStatement(s) &&
          exits(ts, s.thenStatement) &&
          filterCall(ts, sf, filter, s.expression, subject)
        )
          return true;
      }
    }
  }
  return false;
}

/** The declared model of a sent identifier, syntactically: `attribute: Attribute`, `= new Attribute(…)`. */
function declaredModel(ts: TS, sf: SourceFile, ident: T.Identifier): string | undefined {
  for (let fn = ident.parent; fn; fn = fn.parent) {
    if (!ts.isFunctionLike(fn)) continue;
    const param = fn.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === ident.text);
    if (param?.type) return compactText(sf, param.type);
    const body = (fn as T.FunctionLikeDeclaration).body;
    const decl = body
      ? (findDescendant(
          ts,
          body,
          (n) =>
            ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === ident.text,
        ) as T.VariableDeclaration | undefined)
      : undefined;
    if (decl?.type) return compactText(sf, decl.type);
    if (decl?.initializer && ts.isNewExpression(decl.initializer))
      return compactText(sf, decl.initializer.expression);
    if (decl) return undefined;
  }
  return undefined;
}

export default defineRule({
  id: "filter-before-send",
  meta: {
    description: "Every job.send of an asset or risk is guarded by the filter (true means skip)",
    why: "The filter is how customers exclude assets and risks (scope, frozen assets, severity floors); a send that skips it puts excluded data on the platform.",
    fix: "Guard the send: `if (this.filter.asset(asset)) continue;` before `this.job.send(asset)` (the filter returns true to drop).",
  },
  roles: ["main", "transform", "other"],
  check(ctx) {
    const { ts, sf, config } = ctx;
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as T.CallExpression;
        const callee = call.expression;
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "send") return;
        if (!/(^|\.)job$/.test(compactText(sf, callee.expression))) return;
        for (const arg of call.arguments) {
          // attributes are not filtered by the platform's Filter (it has asset() and risk() only)
          const attribute = config.names.attributeModel;
          if (ts.isNewExpression(arg) && compactText(sf, arg.expression) === attribute) continue;
          if (ts.isIdentifier(arg) && declaredModel(ts, sf, arg) === attribute) continue;
          const subject = ts.isIdentifier(arg) ? arg.text : undefined;
          if (!isGuarded(ts, sf, config.names.filter, call, subject)) {
            ctx.report(
              call,
              `${compactText(sf, callee)}(${compactText(sf, arg)}) is not guarded by ${config.names.filter}`,
            );
            return;
          }
        }
      },
    };
  },
});
