import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { compactText, memberName } from "../predicates.js";

export default defineRule({
  id: "integration-target",
  meta: {
    description: "The capability's target is the Integration model, never an Asset",
    why: "An integration runs against the customer's Integration record (its class selects the integration and carries its config); treating the target as an Asset matches the wrong jobs and reads fields that are not there.",
    fix: "Keep the target the base class gives you (an Integration); if you redeclare it, write `declare readonly target: Integration;`, and never treat it as an Asset.",
  },
  roles: ["main"],
  check(ctx) {
    const { ts, sf, config } = ctx;
    const { integrationModel, assetModel } = config.names;
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    // the base class already types `target` as the Integration model; a redeclaration must keep it
    const target = cls.members.find(
      (m) => ts.isPropertyDeclaration(m) && memberName(ts, m) === "target",
    );
    const type = target && ts.isPropertyDeclaration(target) ? target.type : undefined;
    if (type && compactText(sf, type) !== integrationModel) {
      const asset = compactText(sf, type).includes(assetModel) ? `, not ${assetModel}` : "";
      ctx.report(type, `target must be typed ${integrationModel}${asset}`);
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
      [ts.SyntaxKind.AsExpression]: (node) => {
        const cast = node as T.AsExpression;
        let inner: T.Expression = cast.expression;
        // `this.target as unknown as Asset`: look through the intermediate casts
        while (ts.isAsExpression(inner) || ts.isParenthesizedExpression(inner))
          inner = inner.expression;
        if (
          compactText(sf, inner) === "this.target" &&
          compactText(sf, cast.type).includes(assetModel)
        ) {
          ctx.report(
            node,
            `this.target is an ${integrationModel}: casting it to ${assetModel} reads fields that are not there`,
          );
        }
      },
    };
  },
});
