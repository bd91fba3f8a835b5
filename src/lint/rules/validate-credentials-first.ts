import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { compactText, findMethod } from "../predicates.js";
import type { Node, SourceFile, TS } from "../ts.js";

function isAwaitValidate(ts: TS, sf: SourceFile, statement: Node | undefined): boolean {
  if (!statement || !ts.isExpressionStatement(statement)) return false;
  const expr = statement.expression;
  return (
    ts.isAwaitExpression(expr) &&
    ts.isCallExpression(expr.expression) &&
    compactText(sf, expr.expression.expression) === "this.validateCredentials"
  );
}

export default defineRule({
  id: "validate-credentials-first",
  meta: {
    description: "The first statement of invoke() awaits this.validateCredentials()",
    why: "Bad credentials must fail the job at once with a clear error, before any paging, partial sends or rate-limit spend; the platform shows that error to the customer.",
    fix: "Make `await this.validateCredentials();` the first line of invoke().",
  },
  roles: ["main"],
  check(ctx) {
    const { ts, sf } = ctx;
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    const invoke = findMethod(ts, cls, "invoke");
    if (!invoke) {
      ctx.report(cls.name ?? cls, "invoke() is not implemented");
      return undefined;
    }
    const first: T.Statement | undefined = invoke.body?.statements[0];
    if (!isAwaitValidate(ts, sf, first)) {
      ctx.report(
        first ?? invoke.name,
        "the first statement of invoke() must be `await this.validateCredentials();`",
      );
    }
    return undefined;
  },
});
