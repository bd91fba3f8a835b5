import type { Node } from "../ast.js";
import { defineRule } from "../define-rule.js";
import { compactText, memberName, typeAnnotationOf } from "../predicates.js";

export default defineRule({
  id: "integration-target",
  meta: {
    description: "The capability's target is the Integration model, never an Asset",
    why: "An integration runs against the customer's Integration record (its class selects the integration and carries its config); treating the target as an Asset matches the wrong jobs and reads fields that are not there.",
    fix: "Keep the target the base class gives you (an Integration); if you redeclare it, write `declare readonly target: Integration;`, and never treat it as an Asset.",
  },
  roles: ["main"],
  check(ctx) {
    const { source, config } = ctx;
    const { integrationModel, assetModel } = config.names;
    const cls = ctx.mainClass();
    if (!cls) return undefined;
    // the base class already types `target` as the Integration model; a redeclaration must keep it
    const target = cls.body.body.find(
      (m) =>
        (m.type === "PropertyDefinition" || m.type === "TSAbstractPropertyDefinition") &&
        memberName(m) === "target",
    );
    const type = target && typeAnnotationOf(target);
    if (type && compactText(source, type) !== integrationModel) {
      const asset = compactText(source, type).includes(assetModel) ? `, not ${assetModel}` : "";
      ctx.report(type, `target must be typed ${integrationModel}${asset}`);
    }
    return {
      BinaryExpression: (node) => {
        if (node.type !== "BinaryExpression" || node.operator !== "instanceof") return;
        const left = compactText(source, node.left);
        if (left === "this.target" && compactText(source, node.right) === assetModel) {
          ctx.report(node, `this.target is an ${integrationModel}, never an ${assetModel}`);
        }
      },
      TSAsExpression: (node) => {
        if (node.type !== "TSAsExpression") return;
        let inner: Node = node.expression;
        // `this.target as unknown as Asset`: look through the intermediate casts
        while (inner.type === "TSAsExpression" || inner.type === "ParenthesizedExpression")
          inner = inner.expression;
        if (
          compactText(source, inner) === "this.target" &&
          compactText(source, node.typeAnnotation).includes(assetModel)
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
