import { defineRule } from "../define-rule.js";
import {
  calleeName,
  compactText,
  findDescendant,
  isFunction,
  localInitializer,
} from "../predicates.js";

const ALL = new Set(["Promise.all", "Promise.allSettled", "Promise.any", "Promise.race"]);

export default defineRule({
  id: "bounded-concurrency",
  meta: {
    description: "No Promise.all over API calls without a limit (use mapConcurrent)",
    why: "Promise.all over a mapped list fires every request at once: thousands of records become thousands of parallel calls, rate limits trip and the vendor blocks the customer's key.",
    fix: "Use `await mapConcurrent(items, 10, (item) => client.get(item))` from the runtime.",
  },
  roles: ["main", "client", "transform", "other"],
  check(ctx) {
    const { source, config } = ctx;
    return {
      CallExpression: (call) => {
        if (call.type !== "CallExpression") return;
        const callee = compactText(source, call.callee);
        if (!ALL.has(callee)) return;
        const first = call.arguments[0];
        // `const pending = ids.map(…); await Promise.all(pending)` is the same unbounded fan-out
        const arg = first?.type === "Identifier" ? localInitializer(first.name, first) : first;
        if (arg?.type !== "CallExpression") return;
        const mapper = calleeName(arg);
        const fn = mapper === "from" ? arg.arguments[1] : arg.arguments[0];
        if (mapper !== "map" && mapper !== "flatMap" && mapper !== "from") return;
        if (!fn || !isFunction(fn)) return;
        const callsOut = findDescendant(fn, (n) => n.type === "CallExpression");
        if (callsOut)
          ctx.report(
            call.callee,
            `${callee} over .${mapper}() has no concurrency limit: use ${config.names.mapConcurrent}()`,
          );
      },
    };
  },
});
