import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { findDescendant } from "../predicates.js";
import type { Node } from "../ts.js";

const PAGE_WORDS = /page|cursor|next|offset/i;

export default defineRule({
  id: "bounded-pagination",
  meta: {
    description: "Page loops go through paginate() or have a maxPages bound",
    why: "An API that keeps returning a next cursor (a bug, or a loop in its data) turns a hand-written page loop into a job that never ends and hammers the vendor; paginate() stops at maxPages.",
    fix: "Iterate with `for await (const item of paginate(…))`, or count pages and stop at `maxPages`.",
  },
  roles: ["main", "client", "transform", "other"],
  check(ctx) {
    const { ts, config } = ctx;
    const bound = config.names.maxPages;
    const onLoop = (node: Node) => {
      const loop = node as T.WhileStatement | T.DoStatement | T.ForStatement;
      const awaits = findDescendant(ts, loop, (n) => ts.isAwaitExpression(n), true);
      if (!awaits) return;
      const pageLike = findDescendant(
        ts,
        loop,
        (n) => ts.isIdentifier(n) && PAGE_WORDS.test(n.text),
      );
      if (!pageLike) return;
      const bounded = findDescendant(ts, loop, (n) => ts.isIdentifier(n) && n.text === bound);
      if (!bounded)
        ctx.report(
          loop.getFirstToken(ctx.sf) ?? loop,
          `page loop without a ${bound} bound: use ${config.names.paginate}() or stop at ${bound}`,
        );
    };
    return {
      [ts.SyntaxKind.WhileStatement]: onLoop,
      [ts.SyntaxKind.DoStatement]: onLoop,
      [ts.SyntaxKind.ForStatement]: onLoop,
    };
  },
});
