import type { Node, Source } from "../ast.js";
import { defineRule } from "../define-rule.js";
import { bodyStatements, compactText, findMethod } from "../predicates.js";

function isAwaitValidate(source: Source, statement: Node | undefined): boolean {
  if (statement?.type !== "ExpressionStatement") return false;
  const expr = statement.expression;
  return (
    expr.type === "AwaitExpression" &&
    expr.argument.type === "CallExpression" &&
    compactText(source, expr.argument.callee) === "this.validateCredentials"
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
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    const invoke = findMethod(cls, "invoke");
    if (!invoke) {
      ctx.report(cls.id ?? cls, "invoke() is not implemented");
      return undefined;
    }
    const first = bodyStatements(invoke)[0];
    if (!isAwaitValidate(ctx.source, first)) {
      ctx.report(
        first ?? invoke.key,
        "the first statement of invoke() must be `await this.validateCredentials();`",
      );
    }
    return undefined;
  },
});
