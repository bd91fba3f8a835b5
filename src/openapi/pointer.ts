/**
 * JSON pointers (RFC 6901). Every node the pipeline reads travels with its pointer so an error can
 * say where it happened. Local `$ref`s of an already bundled document are pointer look-ups; external
 * references are the bundler's job (`bundle.ts`), never resolved here.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// The fast paths matter: pointers are built and read for every node of a 13 MB document, and almost
// no token holds `~`, `/` or `%`.
export function escapeToken(token: string): string {
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeToken(token: string): string {
  if (!token.includes("~")) return token;
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `#/paths/~1hosts/get` from `["paths", "/hosts", "get"]`. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return `#${tokens.map((t) => `/${escapeToken(String(t))}`).join("")}`;
}

export function join(pointer: string, ...tokens: (string | number)[]): string {
  return pointer + tokens.map((t) => `/${escapeToken(String(t))}`).join("");
}

/** Tokens of a local pointer, or undefined when it is not local (`#/…`). */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "#" || pointer === "#/") return [];
  if (!pointer.startsWith("#/")) return undefined;
  return pointer
    .slice(2)
    .split("/")
    .map((t) => unescapeToken(decodeURIComponentSafe(t)));
}

function decodeURIComponentSafe(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // a literal `%` in a name is legal in a pointer that was never URI-encoded
    return text;
  }
}

/**
 * Look-ups per document: a 1,000-operation spec asks for the same few hundred components again
 * and again. Documents are not mutated once loaded, so the answers stay true.
 */
const lookups = new WeakMap<object, Map<string, unknown>>();

/** The value at a local pointer, or undefined. Own properties only: `__proto__` is data here. */
export function getAt(root: unknown, pointer: string): unknown {
  if (typeof root !== "object" || root === null) return walk(root, pointer);
  let cache = lookups.get(root);
  if (!cache) {
    cache = new Map();
    lookups.set(root, cache);
  }
  if (cache.has(pointer)) return cache.get(pointer);
  const value = walk(root, pointer);
  cache.set(pointer, value);
  return value;
}

function walk(root: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (!tokens) return undefined;
  let node: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return node;
}

export interface Located<T = unknown> {
  node: T;
  pointer: string;
}

/**
 * Follows local `$ref`s from a node (bounded, so a cycle of refs cannot loop) and returns the
 * target with its pointer. A ref that does not resolve returns undefined.
 */
export function follow(root: unknown, node: unknown, pointer: string): Located | undefined {
  let current = node;
  let where = pointer;
  for (let hops = 0; hops < 32; hops++) {
    if (!isObject(current) || typeof current.$ref !== "string")
      return { node: current, pointer: where };
    where = current.$ref;
    current = getAt(root, where);
    if (current === undefined) return undefined;
  }
  return undefined;
}

/** Like `follow`, but gives back an empty object for a dangling ref so heuristics can go on. */
export function deref(root: unknown, node: unknown): JsonObject {
  const located = follow(root, node, "#");
  return isObject(located?.node) ? located.node : {};
}
