import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { compactText } from "../predicates.js";

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
    const { ts, sf } = ctx;
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const callee = (node as T.CallExpression).expression;
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "send") return;
        if (!/(^|\.)job$/.test(compactText(sf, callee.expression))) return;
        ctx.report(
          node,
          `${compactText(sf, callee)}(…) sends past the filter; use this.sendAsset / this.sendRisk / this.sendAttribute`,
        );
      },
    };
  },
});
