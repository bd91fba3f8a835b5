/**
 * The OpenAPI documents under a folder, at any depth: files whose top level says `openapi:` or
 * `swagger:`. Fragments a multi-file document references (schemas/*.yaml) are not documents.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const EXTENSIONS = /\.(json|ya?ml)$/i;
const SNIFF_BYTES = 4096;
const SKIP = new Set(["node_modules", ".git", ".cache"]);

function looksLikeDocument(path: string): boolean {
  const head = readFileSync(path, { encoding: "utf8", flag: "r" }).slice(0, SNIFF_BYTES);
  return /^\s*"?(openapi|swagger)"?\s*:/m.test(head) || /[{,]\s*"(openapi|swagger)"\s*:/.test(head);
}

export function findDocuments(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      if (SKIP.has(entry)) continue;
      const path = join(dir, entry);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (EXTENSIONS.test(entry) && looksLikeDocument(path)) found.push(path);
    }
  };
  walk(folder);
  return found.sort((a, b) => relative(folder, a).localeCompare(relative(folder, b)));
}

/** A deterministic sample: a seeded shuffle (mulberry32), then the first `n`, in path order. */
export function sample<T>(items: T[], n: number | undefined, seed: number): T[] {
  if (n === undefined || n >= items.length) return items;
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const indexed = items.map((item, i) => ({ item, i, key: random() }));
  return indexed
    .sort((a, b) => a.key - b.key)
    .slice(0, n)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.item);
}

/** A valid, unique service name per document, from its path. */
export function serviceNames(paths: string[], folder: string): string[] {
  const used = new Map<string, number>();
  return paths.map((path) => {
    const base =
      relative(folder, path)
        .replace(/\.(json|ya?ml)$/i, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^[^a-z]+|-+$/g, "")
        .slice(0, 30)
        .replace(/-+$/, "") || "spec";
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}
