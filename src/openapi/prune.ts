import { CapkitError } from "../errors.js";
import { getAt, isObject, type JsonObject, parsePointer } from "./pointer.js";
import type { OpenAPIV3Document } from "./types.js";

const ROOT_KEYS = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "security",
  "tags",
  "externalDocs",
];

/**
 * The document cut down to some operations and every component they reach: through `$ref`s in
 * schemas (`allOf`/`oneOf`/`anyOf`, items, properties), parameters, responses, request bodies,
 * headers, examples, and discriminator mappings. Names and order are kept, so pointers into the
 * pruned document are the same as into the original.
 */
export function pruneDocument(
  document: OpenAPIV3Document,
  operations: readonly { method: string; path: string }[],
): OpenAPIV3Document {
  const reach = new Reach(document);
  const paths: Record<string, JsonObject> = {};
  for (const { method, path } of operations) {
    const item = document.paths[path];
    const m = method.toLowerCase();
    if (!isObject(item) || !isObject(item[m])) {
      throw new CapkitError(
        "SPEC_UNKNOWN_OPERATION",
        `Cannot prune to ${method.toUpperCase()} ${path}: the document has no such operation (#/paths).`,
        { where: "#/paths" },
      );
    }
    paths[path] ??= pathItemShell(item);
    (paths[path] as JsonObject)[m] = item[m];
    reach.visit(item[m]);
    reach.visit(item.parameters);
  }
  const out: JsonObject = {};
  for (const key of ROOT_KEYS) if (document[key] !== undefined) out[key] = document[key];
  out.info = withoutExtensions(document.info);
  reach.visit(document.security);
  // keep the document's own path order
  out.paths = Object.fromEntries(
    Object.keys(document.paths)
      .filter((p) => paths[p] !== undefined || reach.paths.has(p))
      .map((p) => [p, paths[p] ?? document.paths[p]]),
  );
  const components = keptComponents(document, reach, out.paths as Record<string, JsonObject>);
  if (Object.keys(components).length > 0) out.components = components;
  if (Array.isArray(document.tags))
    out.tags = usedTags(document.tags, out.paths as Record<string, JsonObject>);
  const pruned = structuredClone(out) as OpenAPIV3Document;
  dropDanglingMappings(pruned);
  return pruned;
}

function pathItemShell(item: JsonObject): JsonObject {
  const shell: JsonObject = {};
  for (const key of ["summary", "description", "servers", "parameters"])
    if (item[key] !== undefined) shell[key] = item[key];
  return shell;
}

export function withoutExtensions(info: unknown): unknown {
  if (!isObject(info)) return info;
  return Object.fromEntries(Object.entries(info).filter(([k]) => !k.startsWith("x-")));
}

/** Walks the nodes it is given and everything their local `$ref`s lead to, once each. */
export class Reach {
  readonly components = new Map<string, Set<string>>();
  readonly paths = new Set<string>();
  private readonly seen = new Set<unknown>();
  constructor(private readonly doc: OpenAPIV3Document) {}

  visit(node: unknown): void {
    const stack = [node];
    while (stack.length > 0) {
      const current = stack.pop();
      if (typeof current !== "object" || current === null || this.seen.has(current)) continue;
      this.seen.add(current);
      if (Array.isArray(current)) {
        stack.push(...current);
        continue;
      }
      const obj = current as JsonObject;
      if (typeof obj.$ref === "string") stack.push(this.target(obj.$ref));
      if (isObject(obj.discriminator) && isObject(obj.discriminator.mapping)) {
        for (const ref of Object.values(obj.discriminator.mapping)) {
          if (typeof ref === "string") stack.push(this.target(mappingRef(ref)));
        }
      }
      for (const [key, value] of Object.entries(obj)) {
        if (key !== "$ref" && typeof value === "object") stack.push(value);
      }
    }
  }

  /** Marks what a ref lands in (a component, or a whole path item) and returns that node. */
  private target(ref: string): unknown {
    const tokens = parsePointer(ref);
    if (!tokens || tokens.length < 2) return undefined;
    const [root, kind, name] = tokens;
    if (root === "components" && kind !== undefined && name !== undefined) {
      const names = this.components.get(kind) ?? new Set<string>();
      this.components.set(kind, names);
      names.add(name);
      return getAt(this.doc, `#/components/${esc(kind)}/${esc(name)}`);
    }
    if (root === "paths" && kind !== undefined) {
      // a ref into another operation (rare) keeps that whole path item, so the ref still resolves
      this.paths.add(kind);
      return this.doc.paths[kind];
    }
    return getAt(this.doc, ref);
  }
}

const esc = (t: string): string => t.replace(/~/g, "~0").replace(/\//g, "~1");

/** A discriminator mapping value is a ref or a bare schema name. */
function mappingRef(value: string): string {
  return value.startsWith("#") || value.includes("/") || value.includes(".")
    ? value
    : `#/components/schemas/${esc(value)}`;
}

function keptComponents(
  document: OpenAPIV3Document,
  reach: Reach,
  paths: Record<string, JsonObject>,
): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  const source = document.components ?? {};
  for (const [kind, all] of Object.entries(source)) {
    if (!isObject(all)) continue;
    const keep =
      kind === "securitySchemes" ? usedSchemes(document, paths, all) : reach.components.get(kind);
    if (!keep || keep.size === 0) continue;
    out[kind] = Object.fromEntries(Object.entries(all).filter(([name]) => keep.has(name)));
  }
  return out;
}

/** Schemes named by the document's or the kept operations' `security`; all of them when none is named. */
function usedSchemes(
  document: OpenAPIV3Document,
  paths: Record<string, JsonObject>,
  all: JsonObject,
): Set<string> {
  const named = new Set<string>();
  const add = (security: unknown): void => {
    if (Array.isArray(security))
      for (const req of security) if (isObject(req)) for (const k of Object.keys(req)) named.add(k);
  };
  add(document.security);
  for (const item of Object.values(paths))
    for (const op of Object.values(item)) if (isObject(op)) add(op.security);
  const existing = [...named].filter((n) => Object.hasOwn(all, n));
  return new Set(existing.length > 0 ? existing : Object.keys(all));
}

function usedTags(tags: unknown[], paths: Record<string, JsonObject>): unknown[] {
  const used = new Set<string>();
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) {
      if (isObject(op) && Array.isArray(op.tags)) for (const t of op.tags) used.add(String(t));
    }
  }
  return tags.filter((t) => isObject(t) && used.has(String(t.name)));
}

/** Mapping entries that point outside the pruned document (e.g. to files never shipped) are dropped. */
export function dropDanglingMappings(root: OpenAPIV3Document): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      const mapping = isObject(node.discriminator) ? node.discriminator.mapping : undefined;
      if (isObject(mapping)) {
        for (const [key, ref] of Object.entries(mapping)) {
          if (typeof ref !== "string" || getAt(root, mappingRef(ref)) === undefined)
            delete mapping[key];
        }
      }
      for (const value of Object.values(node)) if (typeof value === "object") stack.push(value);
    }
  }
}
