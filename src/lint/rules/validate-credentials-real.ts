import { defineRule } from "../define-rule.js";
import { compactText, findDescendant, findMethod, staticMember } from "../predicates.js";

export default defineRule({
  id: "validate-credentials-real",
  meta: {
    description: "validateCredentials() makes a call through the client, not only field checks",
    why: "Only a real, lightweight API call proves the credentials work (right tenant, not revoked, enough scope); checking that a token is non-empty lets a broken integration run and fail later, mid-page.",
    fix: "Call one cheap endpoint through the client, e.g. `await this.client().getMe();`.",
  },
  roles: ["main"],
  check(ctx) {
    const { source, config } = ctx;
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    const method = findMethod(cls, "validateCredentials");
    if (!method) {
      ctx.report(cls.id ?? cls, "validateCredentials() is not implemented");
      return undefined;
    }
    const clientLike = new RegExp(`client|${config.names.clientSuffix}\\b`, "i");
    // a method call whose receiver is a client: `this.client().getMe()`, `client.me()`, `new AcmeClient(…).me()`
    const body = method.value.body;
    const call = body
      ? findDescendant(body, (n) => {
          if (n.type !== "CallExpression") return false;
          const member = staticMember(n.callee);
          return member !== undefined && clientLike.test(compactText(source, member.object));
        })
      : undefined;
    if (!call) ctx.report(method.key, "validateCredentials() makes no call through the client");
    return undefined;
  },
});
