/**
 * Auth as the spec declares it for one operation: the alternatives of its effective `security`
 * (the operation's own, else the document's), each the schemes it needs with what a client must
 * send (type, place, header name, token URL). The integration holds one alternative's credentials,
 * so an alternative that disappears can break it; a new one cannot.
 */
import type { OperationRef } from "../../openapi/operations.js";
import { isObject, type JsonObject } from "../../openapi/pointer.js";
import type { OpenAPIV3Document } from "../../openapi/types.js";
import type { ChangeSink } from "./change.js";

function schemeText(doc: OpenAPIV3Document, name: string): string {
  const schemes = isObject(doc.components?.securitySchemes) ? doc.components.securitySchemes : {};
  const s = schemes[name];
  if (!isObject(s)) return `${name} (undeclared)`;
  const flows = isObject(s.flows) ? s.flows : {};
  const cc = isObject(flows.clientCredentials) ? flows.clientCredentials : undefined;
  const parts = [
    String(s.type ?? "?"),
    typeof s.scheme === "string" ? s.scheme.toLowerCase() : undefined,
    typeof s.in === "string" && typeof s.name === "string" ? `${s.in} ${s.name}` : undefined,
    cc && typeof cc.tokenUrl === "string" ? `token ${cc.tokenUrl}` : undefined,
  ].filter(Boolean);
  return parts.join(" ");
}

export function securityOf(doc: OpenAPIV3Document, op: OperationRef): string[] {
  const list: unknown = op.node.security ?? doc.security ?? [];
  if (!Array.isArray(list)) return [];
  return list
    .filter((r): r is JsonObject => isObject(r))
    .map((r) =>
      Object.keys(r)
        .map((name) => schemeText(doc, name))
        .sort()
        .join(" + "),
    )
    .map((alt) => alt || "none")
    .sort();
}

export function compareSecurity(before: string[], after: string[], report: ChangeSink): void {
  const removed = before.filter((a) => !after.includes(a));
  const added = after.filter((a) => !before.includes(a));
  const show = (list: string[]) => list.map((a) => `[${a}]`).join(" or ") || "[none]";
  if (removed.length > 0) {
    report({
      id: "security-changed",
      breaking: true,
      where: "security",
      message: `auth ${show(removed)} is no longer accepted; the spec now asks for ${show(after)}`,
    });
  } else if (added.length > 0) {
    report({
      id: "security-added",
      breaking: false,
      where: "security",
      message: `auth ${show(added)} is now accepted too`,
    });
  }
}
