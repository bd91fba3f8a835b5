// The runtime follows redirects itself (`redirect: "manual"`): fetch's own following strips only
// Authorization and Cookie on a cross-origin hop, so an API key in any other header, or in the
// query, would travel to whatever host a 302 names.
import { IntegrationError } from "./errors.js";
import type { OriginPolicy } from "./origin.js";
import { sanitizeUrl } from "./sanitize.js";
import { maskSecrets } from "./secrets.js";

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface Hop {
  href: string;
  method: string;
  body: RequestInit["body"];
  /** Still on the API origin, having never left it: credentials may be sent. */
  credentialed: boolean;
}

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * Pure: the hop a redirect leads to, or the error refusing it. `count` is the number of redirects
 * already followed. Once a chain leaves the API origin it carries no credential again, even if it
 * comes back: the way back was chosen by someone else.
 */
export function nextHop(
  hop: Hop,
  status: number,
  location: string,
  context: { count: number; origins: OriginPolicy; operation: string; secrets: readonly string[] },
): Hop | IntegrationError {
  const { operation } = context;
  if (context.count >= MAX_REDIRECTS) {
    return refused("TOO_MANY_REDIRECTS", operation, `more than ${MAX_REDIRECTS} redirects`);
  }
  const from = new URL(hop.href);
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return refused("REDIRECT_REFUSED", operation, "the Location header is not a URL");
  }
  const refusal = context.origins.refuse(to, operation, from, context.secrets);
  if (refusal) return refusal;
  // RFC 9110 §15.4.4: 303 becomes GET; fetch also turns a POST after 301/302 into a GET.
  const toGet =
    (status === 303 && hop.method !== "HEAD") ||
    ((status === 301 || status === 302) && hop.method === "POST");
  const method = toGet ? "GET" : hop.method;
  const body = toGet ? null : hop.body;
  if (body != null && to.origin !== from.origin) {
    return refused(
      "REDIRECT_REFUSED",
      operation,
      "it would resend the request body to another origin",
      to,
      context.secrets,
    );
  }
  const credentialed = hop.credentialed && to.origin === context.origins.api;
  if (!credentialed && context.secrets.some((secret) => to.href.includes(secret))) {
    return refused(
      "REDIRECT_REFUSED",
      operation,
      "the Location carries a credential to another origin",
      to,
      context.secrets,
    );
  }
  return { href: to.href, method, body, credentialed };
}

function refused(
  code: string,
  operation: string,
  why: string,
  to?: URL,
  secrets: readonly string[] = [],
): IntegrationError {
  const where = to ? ` to ${maskSecrets(sanitizeUrl(to.href), secrets)}` : "";
  return new IntegrationError(code, `${operation}: refused a redirect${where}: ${why}`, {
    operation,
    retryable: false,
  });
}
