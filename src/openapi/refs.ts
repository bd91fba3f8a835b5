import { CapkitError } from "../errors.js";
import { escapeToken, getAt, isObject } from "./pointer.js";

export interface RefUse {
  ref: string;
  /** Where the `$ref` is written. */
  pointer: string;
}

/** Every `$ref` string in a document, with where it sits; one pass, pointers built only for hits. */
export function collectRefs(root: unknown): RefUse[] {
  const found: RefUse[] = [];
  const stack: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        stack.push(String(i));
        visit(node[i]);
        stack.pop();
      }
      return;
    }
    if (!isObject(node)) return;
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (key === "$ref" && typeof value === "string") {
        found.push({ ref: value, pointer: `#${stack.map((t) => `/${escapeToken(t)}`).join("")}` });
      } else if (typeof value === "object" && value !== null) {
        stack.push(key);
        visit(value);
        stack.pop();
      }
    }
  };
  visit(root);
  return found;
}

export function hasExternalRefs(refs: readonly RefUse[]): boolean {
  return refs.some((r) => !r.ref.startsWith("#"));
}

const REF_IN_JSON = /"\$ref"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * The distinct `$ref` values of a JSON text, found with one regular expression instead of a walk
 * over the parsed tree (a third of the load time on GitHub's 13 MB description). Escaped quotes
 * inside string values cannot match, since the pattern starts at an unescaped quote.
 */
export function scanJsonRefs(text: string): Set<string> {
  const refs = new Set<string>();
  for (const match of text.matchAll(REF_IN_JSON)) {
    const raw = match[1] ?? "";
    refs.add(raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw);
  }
  return refs;
}

/** Checks refs found by `scanJsonRefs`; only a dangling one pays for the walk that locates it. */
export function assertScannedRefsResolve(root: unknown, refs: Set<string>, source: string): void {
  for (const ref of refs) {
    if (ref.startsWith("#") && getAt(root, ref) !== undefined) continue;
    const use = collectRefs(root).find((u) => u.ref === ref);
    throw unresolved(source, ref, use?.pointer ?? "#");
  }
}

/** A bundled document must have no dangling local refs: report the first with its place. */
export function assertLocalRefsResolve(
  root: unknown,
  refs: readonly RefUse[],
  source: string,
): void {
  const seen = new Map<string, boolean>();
  for (const use of refs) {
    let ok = seen.get(use.ref);
    if (ok === undefined) {
      ok = use.ref.startsWith("#") && getAt(root, use.ref) !== undefined;
      seen.set(use.ref, ok);
    }
    if (!ok) throw unresolved(source, use.ref, use.pointer);
  }
}

export function unresolved(
  source: string,
  ref: string,
  pointer: string,
  why?: string,
): CapkitError {
  return new CapkitError(
    "SPEC_UNRESOLVED_REF",
    `${source}: the $ref "${ref}" at ${pointer} does not resolve${why ? ` (${why})` : ""}. Fix the reference or add the missing definition.`,
    { source, where: pointer },
  );
}
