import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { compactText, identifierNames, lastSegment } from "../predicates.js";
import type { Node, SourceFile, TS } from "../ts.js";

/** Names that hold or lead to credentials. Matched against identifiers only, never string text. */
const CREDENTIAL =
  /secret|token|passw(or)?d|api_?key|credential|authorization|private_?key|cookie|bearer/i;
// `child` bindings are printed with every later line, so they count as log calls too
const LOG_METHODS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "child"]);

function credentialIdentifier(ts: TS, node: Node): Node | undefined {
  if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && CREDENTIAL.test(node.text))
    return node;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return undefined;
  return ts.forEachChild(node, (child) => credentialIdentifier(ts, child));
}

function isErrorConstructor(sf: SourceFile, node: T.NewExpression): boolean {
  return /Error$/.test(compactText(sf, node.expression));
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
    const { ts, sf, config } = ctx;
    const loggers = new Set(config.names.logger);
    let usesLogger = false;
    const otherLoggers = new Set<string>();
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const callee = (node as T.CallExpression).expression;
        if (!ts.isPropertyAccessExpression(callee)) return;
        const receiver = compactText(sf, callee.expression);
        if (receiver === "console") {
          ctx.report(node, `console.${callee.name.text}() bypasses the redacting logger`);
          return;
        }
        if (!LOG_METHODS.has(callee.name.text)) return;
        if (!loggers.has(receiver)) {
          if (/log/i.test(lastSegment(receiver))) otherLoggers.add(receiver);
          return;
        }
        usesLogger = true;
        for (const arg of (node as T.CallExpression).arguments) {
          const hit = credentialIdentifier(ts, arg);
          if (hit)
            ctx.report(
              hit,
              `\`${hit.getText(sf)}\` looks like a credential and reaches a log call`,
            );
        }
      },
      [ts.SyntaxKind.NewExpression]: (node) => {
        const expr = node as T.NewExpression;
        const message = expr.arguments?.[0];
        if (!message || !isErrorConstructor(sf, expr)) return;
        const hit = credentialIdentifier(ts, message);
        if (hit)
          ctx.report(
            hit,
            `\`${hit.getText(sf)}\` looks like a credential and reaches an error message`,
          );
      },
      end: () => {
        // calls on a logger we were not told about would pass unchecked: say so instead
        const names = identifierNames(ts, sf);
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
