import type { CallExpression } from "oxc-parser";
import { defineRule } from "../define-rule.js";
import { compactText, lastSegment } from "../predicates.js";

export default defineRule({
  id: "registered",
  meta: {
    description: "The main file calls registerCapability(TheClass) exactly once, at module scope",
    why: "Registration at import time is how the platform finds a capability (the Go init() + RegisterChariotCapability); a missing call hides it, a second call throws at start-up, and a call inside a function may never run.",
    fix: "Add `registerCapability(Acme);` once, at the end of the main file, outside any function; remove registrations from other files.",
  },
  roles: ["main", "client", "types", "transform", "other"],
  check(ctx) {
    const { source, config } = ctx;
    const fn = config.names.registerFunction;
    const calls: CallExpression[] = [];
    return {
      CallExpression: (call) => {
        if (call.type !== "CallExpression") return;
        if (lastSegment(compactText(source, call.callee)) === fn) calls.push(call);
      },
      end: () => {
        if (ctx.file.role !== "main") {
          // outside an integration folder there is no main file to point to
          if (!ctx.folder.isIntegration) return;
          for (const call of calls) ctx.report(call, `${fn}() belongs in the main file only`);
          return;
        }
        const cls = ctx.mainClass();
        if (!cls?.id) return;
        const className = cls.id.name;
        const mine = calls.filter(
          (c) => c.arguments[0] && compactText(source, c.arguments[0]) === className,
        );
        if (mine.length === 0) {
          if (calls.length === 0 && !source.identifierNames().has(fn)) {
            const atTop = source.program.body.some(
              (s) =>
                s.type === "ExpressionStatement" &&
                s.expression.type === "CallExpression" &&
                compactText(source, s.expression.arguments[0] ?? s) === className,
            );
            if (atTop) {
              ctx.configError(
                `names.registerFunction "${fn}" matches nothing in ${ctx.file.path}, which registers ${className} through another function: set names.registerFunction`,
              );
              return;
            }
          }
          ctx.report(
            cls.id,
            `${className} is never registered: call ${fn}(${className}) at module scope`,
          );
          return;
        }
        for (const call of mine) {
          const atModuleScope =
            call.parent?.type === "ExpressionStatement" && call.parent.parent?.type === "Program";
          if (!atModuleScope)
            ctx.report(
              call,
              `${fn}(${className}) must run at module scope, not inside a function or block`,
            );
        }
        for (const extra of mine.slice(1))
          ctx.report(
            extra,
            `${className} is registered more than once: registering a name twice throws`,
          );
      },
    };
  },
});
