import { defineRule } from "../define-rule.js";
import { findMethod, isReturnTrue } from "../predicates.js";

export default defineRule({
  id: "check-affiliation",
  meta: {
    description: "checkAffiliation() is overridden and is not a bare `return true`",
    why: "Affiliation decides whether an asset still belongs to the customer; answering true without asking the vendor keeps stale or foreign assets alive on the platform.",
    fix: 'Override checkAffiliation(asset): look the asset up through the client, or throw a clear "not implemented yet" error until you do.',
  },
  roles: ["main"],
  check(ctx) {
    const { ts, sf } = ctx;
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    const method = findMethod(ts, cls, "checkAffiliation");
    if (!method) {
      ctx.report(cls.name ?? cls, "checkAffiliation() is not overridden");
      return undefined;
    }
    const statements = method.body?.statements ?? [];
    if (statements.length === 1 && isReturnTrue(ts, sf, statements[0]!)) {
      ctx.report(statements[0], "checkAffiliation() must not be a bare `return true`");
    }
    return undefined;
  },
});
