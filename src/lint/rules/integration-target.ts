import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { compactText, memberName } from "../predicates.js";

export default defineRule({
  id: "integration-target",
  meta: {
    description: "The capability's target is the Integration model, never an Asset",
    why: "An integration runs against the customer's Integration record (its class selects the integration and carries its config); treating the target as an Asset matches the wrong jobs and reads fields that are not there.",
    fix: "Declare `declare readonly target: Integration;` in the class and never compare the target with Asset.",
  },
  roles: ["main"],
  check(ctx) {
    const { ts, sf, config } = ctx;
    const { integrationModel, assetModel } = config.names;
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    const target = cls.members.find(
      (m) => ts.isPropertyDeclaration(m) && memberName(ts, m) === "target",
    );
    const type = target && ts.isPropertyDeclaration(target) ? target.type : undefined;
    if (!target) {
      ctx.report(
        cls.name ?? cls,
        `declare the target's model: \`declare readonly target: ${integrationModel};\``,
      );
    } else if (!type || compactText(sf, type) !== integrationModel) {
      ctx.report(
        type ?? target,
        `target must be typed ${integrationModel}${type && compactText(sf, type).includes(assetModel) ? `, not ${assetModel}` : ""}`,
      );
    }
    return {
      [ts.SyntaxKind.BinaryExpression]: (node) => {
        const bin = node as T.BinaryExpression;
        if (bin.operatorToken.kind !== ts.SyntaxKind.InstanceOfKeyword) return;
        const left = compactText(sf, bin.left);
        if (left === "this.target" && compactText(sf, bin.right) === assetModel) {
          ctx.report(node, `this.target is an ${integrationModel}, never an ${assetModel}`);
        }
      },
    };
  },
});
