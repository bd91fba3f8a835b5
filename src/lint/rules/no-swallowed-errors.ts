import type { CatchClause, NewExpression } from "oxc-parser";
import type { Node } from "../ast.js";
import { defineRule } from "../define-rule.js";
import { compactText, isFunction, memberName, staticMember } from "../predicates.js";

function isEmptyHandler(fn: Node | undefined): boolean {
  if (fn?.type !== "ArrowFunctionExpression" && fn?.type !== "FunctionExpression") return false;
  const body = fn.body;
  if (!body) return false;
  if (body.type === "BlockStatement") return body.body.length === 0;
  return (
    (body.type === "Literal" && body.raw === "null") ||
    (body.type === "Identifier" && body.name === "undefined") ||
    (body.type === "UnaryExpression" && body.operator === "void")
  );
}

function hasCause(expr: NewExpression): boolean {
  const options = expr.arguments.find((a) => a.type === "ObjectExpression");
  return (
    options?.type === "ObjectExpression" &&
    options.properties.some((p) => memberName(p) === "cause")
  );
}

/** The catch clause a throw belongs to, without crossing a function boundary. */
function enclosingCatch(node: Node): CatchClause | undefined {
  for (let at = node.parent; at && !isFunction(at); at = at.parent) {
    if (at.type === "CatchClause") return at;
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
    const { source } = ctx;
    return {
      CatchClause: (node) => {
        if (node.type === "CatchClause" && node.body.body.length === 0)
          ctx.report(node, "empty catch block swallows the error");
      },
      CallExpression: (call) => {
        if (call.type !== "CallExpression" || staticMember(call.callee)?.name !== "catch") return;
        if (call.callee.type !== "MemberExpression") return;
        if (isEmptyHandler(call.arguments[0]))
          ctx.report(call.callee.property, "`.catch()` with an empty handler swallows the error");
      },
      ThrowStatement: (node) => {
        if (node.type !== "ThrowStatement") return;
        const thrown = node.argument;
        if (thrown.type !== "NewExpression") return;
        const caught = enclosingCatch(node)?.param;
        if (caught?.type !== "Identifier" || hasCause(thrown)) return;
        ctx.report(
          thrown,
          `new ${compactText(source, thrown.callee)} thrown in a catch loses the caught error: pass \`{ cause: ${caught.name} }\``,
        );
      },
    };
  },
});
