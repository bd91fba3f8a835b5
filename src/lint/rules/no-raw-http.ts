import type { ts as T } from "ts-morph";
import { defineRule } from "../define-rule.js";
import { compactText } from "../predicates.js";

const RAW_CALLS = new Set([
  "fetch",
  "globalThis.fetch",
  "window.fetch",
  "axios",
  "http.request",
  "http.get",
  "https.request",
  "https.get",
  "got",
  "request",
  "undici.request",
]);
const RAW_MODULES = new Set([
  "axios",
  "node-fetch",
  "undici",
  "got",
  "superagent",
  "request",
  "http",
  "https",
  "node:http",
  "node:https",
  "http2",
  "node:http2",
]);

export default defineRule({
  id: "no-raw-http",
  meta: {
    description: "No fetch/axios/http.request outside the client file",
    why: "Only the generated client goes through the runtime's HTTP layer (auth, retries with backoff, rate limiting, timeouts, redaction); a raw call skips all of it and causes retry storms and leaked tokens.",
    fix: "Add the operation to the client (regenerate with it selected) and call the client method instead.",
  },
  roles: ["main", "types", "transform", "other"],
  check(ctx) {
    const { ts, sf } = ctx;
    return {
      [ts.SyntaxKind.CallExpression]: (node) => {
        const callee = compactText(sf, (node as T.CallExpression).expression);
        if (RAW_CALLS.has(callee) || /^axios\.\w+$/.test(callee))
          ctx.report(node, `raw HTTP call \`${callee}()\` outside the client`);
      },
      [ts.SyntaxKind.NewExpression]: (node) => {
        if (compactText(sf, (node as T.NewExpression).expression) === "XMLHttpRequest")
          ctx.report(node, "raw HTTP via XMLHttpRequest outside the client");
      },
      [ts.SyntaxKind.ImportDeclaration]: (node) => {
        const spec = (node as T.ImportDeclaration).moduleSpecifier;
        if (
          ts.isStringLiteral(spec) &&
          RAW_MODULES.has(spec.text) &&
          !(node as T.ImportDeclaration).importClause?.isTypeOnly
        ) {
          ctx.report(spec, `imports the HTTP module "${spec.text}" outside the client`);
        }
      },
    };
  },
});
