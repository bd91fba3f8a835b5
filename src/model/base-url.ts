import { isObject } from "../openapi/pointer.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import type { ModelWarning } from "./types.js";

/** Reserved for documentation (RFC 6761): never a real API, so a forgotten placeholder fails loudly. */
export const PLACEHOLDER_BASE_URL = "https://api.example.invalid";

/**
 * The first server's URL with its variables set to their defaults. Relative URLs resolve against
 * the spec's own URL when it came from one (OpenAPI 3 §4.8.5), else sit on the placeholder host.
 */
export function baseUrl(
  document: OpenAPIV3Document,
  source: string,
): { url: string; warnings: ModelWarning[] } {
  const warnings: ModelWarning[] = [];
  const server = Array.isArray(document.servers) ? document.servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== "string" || server.url.trim() === "") {
    warnings.push({
      code: "NO_BASE_URL",
      message: `No server URL in the document; the client uses ${PLACEHOLDER_BASE_URL} until you set the real one.`,
      pointer: "#/servers",
    });
    return { url: PLACEHOLDER_BASE_URL, warnings };
  }
  const variables = isObject(server.variables) ? server.variables : {};
  const filled = server.url.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const variable = Object.hasOwn(variables, name) ? variables[name] : undefined;
    const value = isObject(variable)
      ? (variable.default ?? (Array.isArray(variable.enum) ? variable.enum[0] : undefined))
      : undefined;
    if (value === undefined) {
      warnings.push({
        code: "SERVER_VARIABLE",
        message: `Server variable {${name}} has no default; replace it in the base URL.`,
        pointer: "#/servers/0/variables",
      });
      return name;
    }
    return encodeURIComponent(String(value)).replace(/%2F/gi, "/").replace(/%3A/gi, ":");
  });
  let url: URL;
  try {
    url = /^https?:\/\//i.test(filled) ? new URL(filled) : relative(filled, source, warnings);
  } catch {
    warnings.push({
      code: "BAD_SERVER_URL",
      message: `The server URL is not a valid http(s) URL; the client uses ${PLACEHOLDER_BASE_URL} until you set the real one.`,
      pointer: "#/servers/0/url",
    });
    return { url: PLACEHOLDER_BASE_URL, warnings };
  }
  // query and fragment never belong in a base URL; a trailing slash would double up with paths
  return { url: `${url.origin}${url.pathname}`.replace(/\/+$/, ""), warnings };
}

function relative(path: string, source: string, warnings: ModelWarning[]): URL {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) throw new Error("not http(s)");
  if (/^https?:\/\//i.test(source)) return new URL(path, source);
  warnings.push({
    code: "RELATIVE_SERVER_URL",
    message: `The server URL "${path.slice(0, 80)}" is relative and the spec came from a file; the client uses ${PLACEHOLDER_BASE_URL} as its host until you set the real one.`,
    pointer: "#/servers/0/url",
  });
  return new URL(path.startsWith("/") ? path : `/${path}`, PLACEHOLDER_BASE_URL);
}
