import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { compactText, memberName } from "../predicates.js";
import type { Node, TS } from "../ts.js";

function isEmptyHandler(ts: TS, fn: Node | undefined): boolean {
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  const body = fn.body;
  if (ts.isBlock(body)) return body.statements.length === 0;
  return (
    body.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(body) && body.text === "undefined") ||
    ts.isVoidExpression(body)
  );
}

function hasCause(ts: TS, expr: T.NewExpression): boolean {
  const options = expr.arguments?.find((a) => ts.isObjectLiteralExpression(a)) as
    | T.ObjectLiteralExpression
    | undefined;
  return options?.properties.some((p) => memberName(ts, p) === "cause") ?? false;
}

/** The catch clause a throw belongs to, without crossing a function boundary. */
function enclosingCatch(ts: TS, node: Node): T.CatchClause | undefined {
  for (let at = node.parent; at && !ts.isFunctionLike(at); at = at.parent) {
    if (ts.isCatchClause(at)) return at;
  }
  return undefined;
}

export default defineRule({
  id: "no-swallowed-errors",
  meta: {
    description:
      "No empty catch, no .catch(() => {}); a new error thrown in a catch carries `cause`",
    why: "A swallowed error turns an outage into a silent, partial import that nobody notices; an error rethrown without `cause` loses the status, operation and stack that explain it.",
    fix: "Handle the error (log it with context and rethrow, or return a typed result); when wrapping, pass `{ cause: error }`.",
  },
  check(ctx) {
    const { ts, sf } = ctx;
    return {
      [ts.SyntaxKind.CatchClause]: (node) => {
        if ((node as T.CatchClause).block.statements.length === 0)
          ctx.report(node, "empty catch block swallows the error");
      },
      [ts.SyntaxKind.CallExpression]: (node) => {
        const call = node as T.CallExpression;
        if (
          !ts.isPropertyAccessExpression(call.expression) ||
          call.expression.name.text !== "catch"
        )
          return;
        if (isEmptyHandler(ts, call.arguments[0]))
          ctx.report(call.expression.name, "`.catch()` with an empty handler swallows the error");
      },
      [ts.SyntaxKind.ThrowStatement]: (node) => {
        const thrown = (node as T.ThrowStatement).expression;
        if (!ts.isNewExpression(thrown)) return;
        const clause = enclosingCatch(ts, node);
        const caught = clause?.variableDeclaration?.name;
        if (!caught || !ts.isIdentifier(caught) || hasCause(ts, thrown)) return;
        ctx.report(
          thrown,
          `new ${compactText(sf, thrown.expression)} thrown in a catch loses the caught error: pass \`{ cause: ${caught.text} }\``,
        );
      },
    };
  },
});
