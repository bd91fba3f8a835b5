import { forEachChild, type Node, type Source } from "../ast.js";
import { defineRule } from "../define-rule.js";
import { compactText, lastSegment, staticMember } from "../predicates.js";

/** Names that hold or lead to credentials. Matched against identifiers only, never string text. */
const CREDENTIAL =
  /secret|token|passw(or)?d|api_?key|credential|authorization|private_?key|cookie|bearer/i;
// `child` bindings are printed with every later line, so they count as log calls too
const LOG_METHODS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "child"]);

function credentialIdentifier(node: Node): Node | undefined {
  if (
    (node.type === "Identifier" || node.type === "PrivateIdentifier") &&
    CREDENTIAL.test(node.name)
  )
    return node;
  // string and template text is what gets logged, not a variable: never a finding
  if (node.type === "Literal" || node.type === "TemplateElement") return undefined;
  return forEachChild(node, credentialIdentifier);
}

function isErrorConstructor(source: Source, callee: Node): boolean {
  return /Error$/.test(compactText(source, callee));
}

export default defineRule({
  id: "no-secret-logging",
  meta: {
    description: "No credential-like identifier in a log call or an error message; no console.*",
    why: "Logs and job errors are shown to operators and customers and kept for months; a token that reaches them is a leaked credential. console.* bypasses the redacting logger.",
    fix: 'Log what happened, not the secret (e.g. `log.warn({ status }, "auth failed")`), and use the runtime\'s `log` instead of console.',
  },
  roles: ["main", "client", "types", "transform", "other"],
  check(ctx) {
    const { source, config } = ctx;
    const loggers = new Set(config.names.logger);
    let usesLogger = false;
    const otherLoggers = new Set<string>();
    return {
      CallExpression: (node) => {
        if (node.type !== "CallExpression") return;
        const callee = staticMember(node.callee);
        if (!callee) return;
        const receiver = compactText(source, callee.object);
        if (receiver === "console") {
          ctx.report(node, `console.${callee.name}() bypasses the redacting logger`);
          return;
        }
        if (!LOG_METHODS.has(callee.name)) return;
        if (!loggers.has(receiver)) {
          if (/log/i.test(lastSegment(receiver))) otherLoggers.add(receiver);
          return;
        }
        usesLogger = true;
        for (const arg of node.arguments) {
          const hit = credentialIdentifier(arg);
          if (hit)
            ctx.report(
              hit,
              `\`${source.textOf(hit)}\` looks like a credential and reaches a log call`,
            );
        }
      },
      NewExpression: (node) => {
        if (node.type !== "NewExpression") return;
        const message = node.arguments[0];
        if (!message || !isErrorConstructor(source, node.callee)) return;
        const hit = credentialIdentifier(message);
        if (hit)
          ctx.report(
            hit,
            `\`${source.textOf(hit)}\` looks like a credential and reaches an error message`,
          );
      },
      end: () => {
        // calls on a logger we were not told about would pass unchecked: say so instead
        const names = source.identifierNames();
        const known = [...loggers].some((l) => names.has(lastSegment(l)));
        if (!usesLogger && !known && otherLoggers.size > 0) {
          ctx.configError(
            `names.logger [${[...loggers].join(", ")}] matches nothing in ${ctx.file.path}, which logs through ${[...otherLoggers].join(", ")}: set names.logger`,
          );
        }
      },
    };
  },
});
