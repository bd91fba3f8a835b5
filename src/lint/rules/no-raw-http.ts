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
    const { source } = ctx;
    return {
      CallExpression: (node) => {
        if (node.type !== "CallExpression") return;
        const callee = compactText(source, node.callee);
        if (RAW_CALLS.has(callee) || /^axios\.\w+$/.test(callee))
          ctx.report(node, `raw HTTP call \`${callee}()\` outside the client`);
      },
      NewExpression: (node) => {
        if (node.type === "NewExpression" && compactText(source, node.callee) === "XMLHttpRequest")
          ctx.report(node, "raw HTTP via XMLHttpRequest outside the client");
      },
      ImportDeclaration: (node) => {
        if (node.type !== "ImportDeclaration") return;
        const spec = node.source;
        if (RAW_MODULES.has(spec.value) && node.importKind !== "type") {
          ctx.report(spec, `imports the HTTP module "${spec.value}" outside the client`);
        }
      },
    };
  },
});
