import { defineRule } from "../define-rule.js";
import { compactText, findDescendant, findMethod } from "../predicates.js";

export default defineRule({
  id: "match-class",
  meta: {
    description: "match() checks the integration class",
    why: "match() decides which targets the capability runs against; without a class check it runs for every integration of every customer, with the wrong credentials.",
    fix: 'Return `this.target.isClass("acme") ? undefined : new Error("target is not an acme integration")` from match().',
  },
  roles: ["main"],
  check(ctx) {
    const { ts, sf } = ctx;
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    const method = findMethod(ts, cls, "match");
    if (!method) {
      ctx.report(
        cls.name ?? cls,
        "match() is not implemented: it must check the integration class",
      );
      return undefined;
    }
    const checksClass = method.body
      ? findDescendant(ts, method.body, (n) => {
          if (ts.isCallExpression(n))
            return compactText(sf, n.expression) === "this.target.isClass";
          return ts.isPropertyAccessExpression(n) && compactText(sf, n) === "this.target.class";
        })
      : undefined;
    if (!checksClass) ctx.report(method.name, "match() does not check `this.target.isClass(…)`");
    return undefined;
  },
});
