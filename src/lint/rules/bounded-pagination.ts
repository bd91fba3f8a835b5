import type { Node } from "../ast.js";
import { defineRule } from "../define-rule.js";
import { findDescendant } from "../predicates.js";

const PAGE_WORDS = /page|cursor|next|offset/i;
const KEYWORD: Partial<Record<Node["type"], number>> = {
  WhileStatement: "while".length,
  DoWhileStatement: "do".length,
  ForStatement: "for".length,
};

export default defineRule({
  id: "bounded-pagination",
  meta: {
    description: "Page loops go through paginate() or have a maxPages bound",
    why: "An API that keeps returning a next cursor (a bug, or a loop in its data) turns a hand-written page loop into a job that never ends and hammers the vendor; paginate() stops at maxPages.",
    fix: "Iterate with `for await (const item of paginate(…))`, or count pages and stop at `maxPages`.",
  },
  roles: ["main", "client", "transform", "other"],
  check(ctx) {
    const { config } = ctx;
    const bound = config.names.maxPages;
    const onLoop = (loop: Node) => {
      const awaits = findDescendant(loop, (n) => n.type === "AwaitExpression", true);
      if (!awaits) return;
      const pageLike = findDescendant(
        loop,
        (n) => n.type === "Identifier" && PAGE_WORDS.test(n.name),
      );
      if (!pageLike) return;
      const bounded = findDescendant(loop, (n) => n.type === "Identifier" && n.name === bound);
      if (!bounded)
        ctx.report(
          // the loop's keyword: `while`, `do` or `for`
          { start: loop.start, end: loop.start + (KEYWORD[loop.type] ?? 0) },
          `page loop without a ${bound} bound: use ${config.names.paginate}() or stop at ${bound}`,
        );
    };
    return { WhileStatement: onLoop, DoWhileStatement: onLoop, ForStatement: onLoop };
  },
});
