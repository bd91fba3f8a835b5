import { defineRule } from "../define-rule.js";
import { bodyStatements, findMethod, isReturnTrue } from "../predicates.js";

export default defineRule({
  id: "check-affiliation",
  meta: {
    description: "checkAffiliation() is overridden and is not a bare `return true`",
    why: "Affiliation decides whether an asset still belongs to the customer; answering true without asking the vendor keeps stale or foreign assets alive on the platform.",
    fix: 'Override checkAffiliation(asset): look the asset up through the client, or throw a clear "not implemented yet" error until you do.',
  },
  roles: ["main"],
  check(ctx) {
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    const method = findMethod(cls, "checkAffiliation");
    if (!method) {
      ctx.report(cls.id ?? cls, "checkAffiliation() is not overridden");
      return undefined;
    }
    const statements = bodyStatements(method);
    if (statements.length === 1 && isReturnTrue(ctx.source, statements[0]!)) {
      ctx.report(statements[0], "checkAffiliation() must not be a bare `return true`");
    }
    return undefined;
  },
});
