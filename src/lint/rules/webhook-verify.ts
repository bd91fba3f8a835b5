import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { calleeName, compactText, findDescendant, memberName } from "../predicates.js";
import type { Node, SourceFile, TS } from "../ts.js";

const HANDLER = /webhook/i;

/** Reads that interpret the body: `.json()`, `.formData()`, `JSON.parse(…)`, `req.body.x`. Raw reads (`.text()`) feed the verifier. */
function isBodyParse(ts: TS, sf: SourceFile, n: Node): boolean {
  if (ts.isCallExpression(n)) {
    const name = calleeName(ts, n);
    if (compactText(sf, n.expression) === "JSON.parse") return true;
    return (
      ts.isPropertyAccessExpression(n.expression) &&
      n.arguments.length === 0 &&
      (name === "json" || name === "formData")
    );
  }
  return (
    ts.isPropertyAccessExpression(n) &&
    ts.isPropertyAccessExpression(n.expression) &&
    n.expression.name.text === "body"
  );
}

/**
 * The receiver kind: `handle(request)` / `receive(delivery)` of a class that extends the runtime's
 * WebhookCapability (or is named for webhooks). Its base class verifies, so `super.handle(…)`
 * counts as the verification.
 */
function isReceiverEntry(ts: TS, sf: SourceFile, fn: Node): boolean {
  if (!ts.isMethodDeclaration(fn) || !RECEIVER_ENTRY.has(memberName(ts, fn) ?? "")) return false;
  const cls = fn.parent;
  if (!ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) return false;
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  return (
    HANDLER.test(cls.name?.text ?? "") ||
    (base !== undefined && compactText(sf, base.expression).endsWith("WebhookCapability"))
  );
}

const RECEIVER_ENTRY = new Set(["handle", "receive"]);
const SUPER_VERIFY = new Set(["super.handle", "super.receive"]);

function handlerName(ts: TS, fn: Node): string | undefined {
  const own = memberName(ts, fn);
  if (own) return own;
  const parent = fn.parent;
  if (
    parent &&
    (ts.isVariableDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent))
  ) {
    return memberName(ts, parent);
  }
  return undefined;
}

export default defineRule({
  id: "webhook-verify",
  meta: {
    description: "A webhook handler verifies the signature before it reads the body",
    why: "Anyone can POST to a webhook URL; parsing an unverified body lets an attacker inject assets and risks, or replay old events.",
    fix: "Call `await verifyWebhook({ secret, headers, body: rawBody })` on the raw body first, then parse it.",
  },
  roles: ["main", "client", "transform", "other"],
  check(ctx) {
    const { ts, sf, config } = ctx;
    const verify = config.names.verifyWebhook;
    const onFunction = (fn: Node) => {
      const name = handlerName(ts, fn);
      const body = (fn as T.FunctionLikeDeclaration).body;
      const receiver = isReceiverEntry(ts, sf, fn);
      if (!name || !body || (!receiver && (!HANDLER.test(name) || /^verify/i.test(name)))) return;
      const check = findDescendant(
        ts,
        body,
        (n) =>
          ts.isCallExpression(n) &&
          (calleeName(ts, n) === verify ||
            (receiver && SUPER_VERIFY.has(compactText(sf, n.expression)))),
        true,
      );
      const early = findDescendant(
        ts,
        body,
        (n) => isBodyParse(ts, sf, n) && (!check || n.getStart(sf) < check.getStart(sf)),
        true,
      );
      if (!check)
        ctx.report(
          (fn as T.FunctionLikeDeclaration).name ?? fn,
          receiver
            ? `webhook receiver ${name}() overrides the verifying base without calling super.${name}() or ${verify}()`
            : `webhook handler ${name} never calls ${verify}()`,
        );
      else if (early)
        ctx.report(early, `webhook handler ${name} parses the body before ${verify}()`);
    };
    return {
      [ts.SyntaxKind.MethodDeclaration]: onFunction,
      [ts.SyntaxKind.FunctionDeclaration]: onFunction,
      [ts.SyntaxKind.ArrowFunction]: onFunction,
      [ts.SyntaxKind.FunctionExpression]: onFunction,
    };
  },
});
