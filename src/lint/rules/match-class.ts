import { defineRule } from "../define-rule.js";
import { compactText, findDescendant, findMethod, staticMember } from "../predicates.js";

export default defineRule({
  id: "match-class",
  meta: {
    description: "match() checks the integration class",
    why: "match() decides which targets the capability runs against; without a class check it runs for every integration of every customer, with the wrong credentials.",
    fix: 'Return `this.target.isClass("acme") ? undefined : new Error("target is not an acme integration")` from match().',
  },
  roles: ["main"],
  check(ctx) {
    const { source } = ctx;
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    const method = findMethod(cls, "match");
    if (!method) {
      ctx.report(cls.id ?? cls, "match() is not implemented: it must check the integration class");
      return undefined;
    }
    const body = method.value.body;
    const checksClass = body
      ? findDescendant(body, (n) => {
          if (n.type === "CallExpression")
            return compactText(source, n.callee) === "this.target.isClass";
          return staticMember(n) !== undefined && compactText(source, n) === "this.target.class";
        })
      : undefined;
    if (!checksClass) ctx.report(method.key, "match() does not check `this.target.isClass(…)`");
    return undefined;
  },
});
