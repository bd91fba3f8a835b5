import { defineRule } from "../define-rule.js";
import { bodyStatements, findMethod } from "../predicates.js";

export default defineRule({
  id: "integration-true",
  meta: {
    description: "The capability overrides integration() and returns literal true",
    why: "The platform routes a capability to integration jobs only when integration() is true; the base class returns false, so a missing override silently turns the integration off.",
    fix: "Add `override integration(): boolean { return true; }` to the class.",
  },
  roles: ["main"],
  check(ctx) {
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    const method = findMethod(cls, "integration");
    if (!method) {
      ctx.report(cls.id ?? cls, "integration() is not overridden: the base class returns false");
      return undefined;
    }
    const statements = bodyStatements(method);
    const only = statements.length === 1 ? statements[0] : undefined;
    const literalTrue =
      only?.type === "ReturnStatement" &&
      only.argument?.type === "Literal" &&
      only.argument.value === true;
    if (!literalTrue) {
      ctx.report(method.key, "integration() must be exactly `return true;`");
    }
    return undefined;
  },
});
