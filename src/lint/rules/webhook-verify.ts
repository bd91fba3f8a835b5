import type { Node, Source } from "../ast.js";
import { defineRule } from "../define-rule.js";
import {
  calleeName,
  compactText,
  type FunctionLike,
  findDescendant,
  memberName,
  staticMember,
} from "../predicates.js";

const HANDLER = /webhook/i;

/** Reads that interpret the body: `.json()`, `.formData()`, `JSON.parse(…)`, `req.body.x`. Raw reads (`.text()`) feed the verifier. */
function isBodyParse(source: Source, n: Node): boolean {
  if (n.type === "CallExpression") {
    const name = calleeName(n);
    if (compactText(source, n.callee) === "JSON.parse") return true;
    return (
      staticMember(n.callee) !== undefined &&
      n.arguments.length === 0 &&
      (name === "json" || name === "formData")
    );
  }
  const member = staticMember(n);
  return member !== undefined && staticMember(member.object)?.name === "body";
}

/** A method's own node (`handle() {…}` in a class or an object), whose key is where it is named. */
function methodOf(fn: FunctionLike): Node | undefined {
  const parent = fn.parent;
  if (parent?.type === "MethodDefinition" || parent?.type === "TSAbstractMethodDefinition")
    return parent.kind === "method" ? parent : undefined;
  if (parent?.type === "Property" && parent.method) return parent;
  return undefined;
}

/**
 * The receiver kind: `handle(request)` / `receive(delivery)` of a class that extends the runtime's
 * WebhookCapability (or is named for webhooks). Its base class verifies, so `super.handle(…)`
 * counts as the verification.
 */
function isReceiverEntry(source: Source, fn: FunctionLike): boolean {
  const method = methodOf(fn);
  if (method?.type !== "MethodDefinition" || !RECEIVER_ENTRY.has(memberName(method) ?? ""))
    return false;
  const cls = method.parent?.parent;
  if (cls?.type !== "ClassDeclaration" && cls?.type !== "ClassExpression") return false;
  return (
    HANDLER.test(cls.id?.name ?? "") ||
    (cls.superClass != null && compactText(source, cls.superClass).endsWith("WebhookCapability"))
  );
}

const RECEIVER_ENTRY = new Set(["handle", "receive"]);
const SUPER_VERIFY = new Set(["super.handle", "super.receive"]);

/** The handler's name and where to report: its own name, its method key, or the binding it is assigned to. */
function handlerOf(fn: FunctionLike): { name: string; at: Node } | undefined {
  const method = methodOf(fn);
  if (method && (method.type === "MethodDefinition" || method.type === "Property")) {
    const name = memberName(method);
    return name ? { name, at: method.key } : undefined;
  }
  const own = memberName(fn);
  if (own && fn.type !== "ArrowFunctionExpression" && fn.id) return { name: own, at: fn.id };
  const parent = fn.parent;
  if (
    parent?.type === "VariableDeclarator" ||
    parent?.type === "Property" ||
    parent?.type === "PropertyDefinition"
  ) {
    const name = memberName(parent);
    return name ? { name, at: fn } : undefined;
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
    const { source, config } = ctx;
    const verify = config.names.verifyWebhook;
    const onFunction = (fn: Node) => {
      if (
        fn.type !== "FunctionDeclaration" &&
        fn.type !== "FunctionExpression" &&
        fn.type !== "ArrowFunctionExpression"
      )
        return;
      const handler = handlerOf(fn);
      const body = fn.body;
      const receiver = isReceiverEntry(source, fn);
      if (!handler || !body) return;
      if (!receiver && (!HANDLER.test(handler.name) || /^verify/i.test(handler.name))) return;
      const { name } = handler;
      const check = findDescendant(
        body,
        (n) =>
          n.type === "CallExpression" &&
          (calleeName(n) === verify ||
            (receiver && SUPER_VERIFY.has(compactText(source, n.callee)))),
        true,
      );
      const early = findDescendant(
        body,
        (n) => isBodyParse(source, n) && (!check || n.start < check.start),
        true,
      );
      if (!check)
        ctx.report(
          handler.at,
          receiver
            ? `webhook receiver ${name}() overrides the verifying base without calling super.${name}() or ${verify}()`
            : `webhook handler ${name} never calls ${verify}()`,
        );
      else if (early)
        ctx.report(early, `webhook handler ${name} parses the body before ${verify}()`);
    };
    return {
      FunctionDeclaration: onFunction,
      FunctionExpression: onFunction,
      ArrowFunctionExpression: onFunction,
    };
  },
});
