import { defineRule } from "../define-rule.js";
import { compactText, staticMember } from "../predicates.js";

export default defineRule({
  id: "filter-before-send",
  meta: {
    description:
      "Sends go through sendAsset, sendRisk or sendAttribute (the filter decides), never job.send",
    why: "The filter is how customers exclude assets and risks (scope, frozen assets, private hosts); the base class's send helpers always ask it, and a direct job.send skips it and puts excluded data on the platform.",
    fix: "Call `this.sendAsset(asset)`, `this.sendRisk(risk)` or `this.sendAttribute(attribute)` instead of `this.job.send(...)`: each drops what the filter drops (true means drop).",
  },
  roles: ["main", "transform", "other"],
  check(ctx) {
    const { source } = ctx;
    return {
      CallExpression: (call) => {
        if (call.type !== "CallExpression") return;
        const callee = staticMember(call.callee);
        if (callee?.name !== "send") return;
        if (!/(^|\.)job$/.test(compactText(source, callee.object))) return;
        ctx.report(
          call,
          `${compactText(source, call.callee)}(…) sends past the filter; use this.sendAsset / this.sendRisk / this.sendAttribute`,
        );
      },
    };
  },
});
