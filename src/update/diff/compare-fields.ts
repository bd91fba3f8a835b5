/**
 * Two flattened schemas compared field by field. The direction decides what breaks: a response
 * field that disappears, changes type, becomes optional or nullable, or gains an enum value can
 * break the transform reading it; a request field that becomes required, or loses an enum value,
 * can break the call the integration makes.
 */
import type { ChangeSink } from "./change.js";
import { type FieldInfo, type FieldMap, ROOT } from "./fields.js";

export type Direction = "request" | "response";

const parentOf = (path: string): string => {
  const cut = Math.max(path.lastIndexOf("."), path.endsWith("[]") ? path.length - 2 : -1);
  return cut <= 0 ? ROOT : path.slice(0, cut);
};
const leaf = (path: string) => path.slice(path.lastIndexOf(".") + 1);
const under = (path: string, prefix: string) =>
  path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[]`);
const sameShape = (a: FieldInfo, b: FieldInfo) =>
  a.type === b.type && a.format === b.format && (a.enum ?? []).join() === (b.enum ?? []).join();

/**
 * A removed field and an added one in the same object, of the same shape, with no other candidate
 * either way: a rename. Nested fields follow their renamed parent.
 */
function findRenames(old: FieldMap, next: FieldMap): Map<string, string> {
  const removed = [...old.keys()].filter((p) => !next.has(p));
  const added = [...next.keys()].filter((p) => !old.has(p));
  const renames = new Map<string, string>();
  for (const from of removed) {
    if ([...renames.keys()].some((r) => under(from, r))) continue;
    const fromInfo = old.get(from)!;
    const candidates = added.filter(
      (to) => parentOf(to) === parentOf(from) && sameShape(fromInfo, next.get(to)!),
    );
    const rivals = removed.filter(
      (other) =>
        other !== from &&
        parentOf(other) === parentOf(from) &&
        candidates.some((c) => sameShape(old.get(other)!, next.get(c)!)),
    );
    const [to] = candidates;
    if (candidates.length === 1 && to !== undefined && rivals.length === 0) renames.set(from, to);
  }
  return renames;
}

function renamed(path: string, renames: Map<string, string>): string {
  for (const [from, to] of renames) {
    if (path === from) return to;
    if (under(path, from)) return to + path.slice(from.length);
  }
  return path;
}

export function compareFields(
  old: FieldMap,
  next: FieldMap,
  direction: Direction,
  where: string,
  report: ChangeSink,
): void {
  const renames = findRenames(old, next);
  const place = (path: string) => `${where} ${path}`;
  const reported: string[] = [];
  const inReported = (path: string) => reported.some((r) => under(path, r));
  for (const [from, to] of renames) {
    report({
      id: `${direction}-property-renamed`,
      breaking: true,
      where: place(from),
      message: `renamed ${from} → ${to}: code that reads ${leaf(from)} no longer finds it`,
    });
  }
  const matched = new Set<string>();
  for (const [path, before] of old) {
    const target = renamed(path, renames);
    const after = next.get(target);
    if (!after) {
      if (inReported(path)) continue;
      reported.push(path);
      report({
        id: `${direction}-property-removed`,
        breaking: true,
        where: place(path),
        message: `removed ${path}${before.required ? " (it was required)" : ""}`,
      });
      continue;
    }
    matched.add(target);
    compareField(before, after, direction, place(target), target, report);
  }
  const addedTop: string[] = [];
  for (const [path, info] of next) {
    if (matched.has(path) || addedTop.some((a) => under(path, a))) continue;
    addedTop.push(path);
    const breaking = direction === "request" && info.required;
    report({
      id: breaking ? "new-required-request-property" : `${direction}-property-added`,
      breaking,
      where: place(path),
      message: `added ${info.required ? "required" : "optional"} ${path} (${info.type})`,
    });
  }
}

export function compareField(
  before: FieldInfo,
  after: FieldInfo,
  direction: Direction,
  where: string,
  path: string,
  report: ChangeSink,
): void {
  const response = direction === "response";
  if (before.type !== after.type || before.format !== after.format) {
    const show = (f: FieldInfo) => (f.format ? `${f.type} (${f.format})` : f.type);
    report({
      id: `${direction}-property-type-changed`,
      breaking: true,
      where,
      message: `${path} changed type: ${show(before)} → ${show(after)}`,
    });
  }
  if (before.required !== after.required) {
    // a response field that may now be missing, or a request field that must now be sent
    const breaking = response ? before.required : after.required;
    report({
      id: `${direction}-property-became-${after.required ? "required" : "optional"}`,
      breaking,
      where,
      message: `${path} became ${after.required ? "required" : "optional"}`,
    });
  }
  if (before.nullable !== after.nullable) {
    report({
      id: `${direction}-property-became-${after.nullable ? "nullable" : "not-nullable"}`,
      breaking: response ? after.nullable : !after.nullable,
      where,
      message: `${path} became ${after.nullable ? "nullable" : "not nullable"}`,
    });
  }
  compareEnum(before.enum, after.enum, direction, where, path, report);
}

function compareEnum(
  before: string[] | undefined,
  after: string[] | undefined,
  direction: Direction,
  where: string,
  path: string,
  report: ChangeSink,
): void {
  const response = direction === "response";
  if (before && after) {
    const added = after.filter((v) => !before.includes(v));
    const removed = before.filter((v) => !after.includes(v));
    for (const value of added) {
      report({
        id: `${direction}-property-enum-value-added`,
        breaking: response,
        where,
        message: `${path} has a new enum value ${value}${response ? ": a mapping of its values may not handle it" : ""}`,
      });
    }
    for (const value of removed) {
      report({
        id: `${direction}-property-enum-value-removed`,
        breaking: !response,
        where,
        message: `${path} no longer has the enum value ${value}`,
      });
    }
  } else if (before || after) {
    // an enum appearing narrows the values; one disappearing widens them
    const breaking = response ? before !== undefined : after !== undefined;
    report({
      id: `${direction}-property-enum-${after ? "added" : "removed"}`,
      breaking,
      where,
      message: after
        ? `${path} is now limited to ${after.join(", ")}`
        : `${path} is no longer limited to ${before?.join(", ")}`,
    });
  }
}
