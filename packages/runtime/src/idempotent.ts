// The brief's contract for non-GET operations that are safe to repeat (a read-only POST search):
// `idempotent: ["POST /spec/path/{template}"]`, the path exactly as the spec writes it (what
// openapi-fetch calls `schemaPath`). Matching requests are retried like GETs.
import { OptionsError } from "./errors.js";

export interface IdempotentRoutes {
  /** `route` is `METHOD /schema/path` from openapi-fetch, when the call came through it. */
  matches(method: string, route: string | undefined, href: string): boolean;
}

const ENTRY = /^([A-Za-z]+) (\/\S*)$/;

export function idempotentRoutes(
  entries: readonly string[] | undefined,
  baseUrl: URL,
): IdempotentRoutes {
  if (entries === undefined || entries.length === 0) return { matches: () => false };
  if (!Array.isArray(entries)) {
    throw new OptionsError(
      "idempotent",
      'Expected `idempotent` to be an array like ["POST /search"].',
    );
  }
  const exact = new Set<string>();
  const patterns: { method: string; path: RegExp }[] = [];
  entries.forEach((entry, i) => {
    const match = typeof entry === "string" ? ENTRY.exec(entry) : null;
    if (!match) {
      throw new OptionsError(
        `idempotent[${i}]`,
        `Expected \`idempotent[${i}]\` to be "METHOD /path/{template}", e.g. "POST /api/v1/search".`,
      );
    }
    const method = (match[1] ?? "").toUpperCase();
    const path = match[2] ?? "/";
    exact.add(`${method} ${path}`);
    patterns.push({ method, path: templatePattern(path) });
  });
  // A direct `http.fetch(url)` has no schema path: match its path below the base URL's.
  const basePath = baseUrl.pathname.replace(/\/+$/, "");
  return {
    matches(method, route, href) {
      if (route !== undefined) return exact.has(route);
      let path: string;
      try {
        path = new URL(href).pathname;
      } catch {
        return false;
      }
      if (basePath && !path.startsWith(`${basePath}/`)) return false;
      const relative = path.slice(basePath.length);
      return patterns.some((p) => p.method === method && p.path.test(relative));
    },
  };
}

function templatePattern(path: string): RegExp {
  const parts = path.split(/\{[^}/]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[^/]+")}$`);
}
