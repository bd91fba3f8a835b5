/**
 * The records the invoke test serves: the sample moved to two public assets and one private one
 * (the filter must drop it), so one finding on two hosts must give two keys. A record that names
 * no asset is served twice, as two findings, so a constant name shows up as a duplicate key.
 */

import { hintOf } from "../../model/mapping-fields.js";
import type { FieldChoice, OperationModel, RecordField } from "../../model/types.js";
import { valueAt } from "./mapping-code.js";

export interface Variant {
  /** Field path → value put into the sample. */
  overrides: [string[], string | number][];
  /** What the record becomes sits on a private address: the filter drops it. */
  dropped: boolean;
  /** The sample with the overrides applied. */
  record: unknown;
}

/** Public addresses outside every special-purpose block, and one private one. */
export const PUBLIC_IPS = ["93.184.216.34", "93.184.216.35"];
export const PRIVATE_IP = "10.1.2.3";
const HOSTS = ["app.example.com", "vpn.example.com"];
const PRIVATE_HOST = "db.internal";
const REPOS = ["web", "api"];

export function applyOverrides(sample: unknown, overrides: Variant["overrides"]): unknown {
  const copy = structuredClone(sample) as Record<string, unknown>;
  for (const [path, value] of overrides) {
    let node: Record<string, unknown> = copy;
    path.forEach((key, i) => {
      if (i === path.length - 1) node[key] = value;
      else {
        const next = node[key];
        node[key] = typeof next === "object" && next !== null ? next : {};
        node = node[key] as Record<string, unknown>;
      }
    });
  }
  return copy;
}

const fieldsOf = (...choices: FieldChoice[]): RecordField[] => {
  const seen = new Set<string>();
  return choices
    .flatMap((c) => c.fields)
    .filter((f) => {
      const key = f.path.join(".");
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
};

function origin(value: string | undefined): string {
  try {
    return value ? new URL(value).origin : "https://git.example.com";
  } catch {
    return "https://git.example.com";
  }
}

/** Overrides that put the record on asset `i` (0, 1: public; 2: private). */
function locatorOverrides(op: OperationModel, i: number): Variant["overrides"] | undefined {
  const locator = op.mapping.locator;
  if (!locator) return undefined;
  const fields = fieldsOf(locator.dns, locator.name);
  if (locator.kind === "host") {
    const hasIp = fields.some((f) => hintOf(f) === "ip");
    return fields.map((f) => {
      if (hintOf(f) === "ip") return [f.path, i < 2 ? PUBLIC_IPS[i]! : PRIVATE_IP];
      return [f.path, i < 2 ? HOSTS[i]! : hasIp ? PRIVATE_HOST : PRIVATE_IP];
    });
  }
  if (locator.kind === "url") {
    const url = i < 2 ? `https://${HOSTS[i]}/` : `http://${PRIVATE_IP}/`;
    return fields.map((f) => [f.path, url]);
  }
  if (i === 2) return undefined; // a repository has no private address
  return fields.map((f) => {
    const leaf = f.path[f.path.length - 1] ?? "";
    const sample = valueAt(op.sample, f);
    if (/url$/i.test(leaf)) return [f.path, `${origin(sample)}/acme/${REPOS[i]}`];
    if (/full_name|path_with_namespace|name_with_namespace/.test(leaf))
      return [f.path, `acme/${REPOS[i]}`];
    return [f.path, REPOS[i]!];
  });
}

/** Every field the suggested mapping reads. */
export function mappedFields(op: OperationModel): RecordField[] {
  const { locator, join, identity, severity, state } = op.mapping;
  const choices = [locator?.dns, locator?.name, identity].filter(
    (c): c is FieldChoice => c !== undefined,
  );
  return [
    ...fieldsOf(...choices),
    ...(join ? [join.field] : []),
    ...(severity ? [severity.kind === "cvss" ? severity.field : severity.table.field] : []),
    ...(state ? [state.field] : []),
  ];
}

/**
 * The values the mapping reads that the (shortened) sample file lacks, from the spec's full
 * example: GitHub's alerts keep `repository.full_name` this way.
 */
export function restored(op: OperationModel, sample: unknown): Variant["overrides"] {
  const out: Variant["overrides"] = [];
  for (const field of mappedFields(op)) {
    if (valueAt(sample, field) !== undefined) continue;
    const full = valueAtRaw(op.sample, field);
    if (typeof full === "string" || typeof full === "number") out.push([field.path, full]);
  }
  return out;
}

function valueAtRaw(record: unknown, field: RecordField): unknown {
  let node = record;
  for (const key of field.path) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Another value of the same kind: `CVE-2024-3094` → `CVE-2024-3095`, `7` → `8`. */
export function another(value: string | undefined, field: RecordField): string | number {
  if (field.type === "integer" || field.type === "number") return Number(value ?? 0) + 1;
  const text = value ?? "example";
  const digits = /(\d+)(\D*)$/.exec(text);
  if (!digits) return `${text}-2`;
  const next = String(Number(digits[1]) + 1).padStart(digits[1]!.length, "0");
  return `${text.slice(0, digits.index)}${next}${digits[2]}`;
}

const same = (a: string[], b: string[]) => a.join("\u0000") === b.join("\u0000");

const numeric = (field: RecordField) => field.type === "integer" || field.type === "number";

/**
 * Key values of the assets other records join to: `host-1`, or 101 when either side is a number
 * (then the other side holds it as text; both are compared as text).
 */
export function joinKey(
  field: RecordField,
  recordName: string,
  i: number,
  other?: RecordField,
): string | number {
  if (!numeric(field) && !(other && numeric(other))) return `${recordName.toLowerCase()}-${i + 1}`;
  return numeric(field) ? 101 + i : String(101 + i);
}

/**
 * `keyField`: set when other records join to this asset operation (its key gets known values;
 * `referrer` is the field they name it by).
 * `joined`: for a record that joins to assets, their record name and whether each variant of
 * theirs is dropped; one record is served per asset.
 */
export function variantsFor(
  op: OperationModel,
  sample: unknown,
  keyField?: RecordField,
  joined?: { recordName: string; dropped: boolean[] },
  referrer?: RecordField,
): Variant[] {
  const restore = restored(op, sample);
  const make = (changes: Variant["overrides"], dropped: boolean): Variant => {
    const overrides = [...restore.filter(([p]) => !changes.some(([c]) => same(c, p))), ...changes];
    return { overrides, dropped, record: applyOverrides(sample, overrides) };
  };
  const join = op.mapping.join;
  if (op.recordKind !== "asset" && join && joined)
    return joined.dropped.map((dropped, i) =>
      make([[join.field.path, joinKey(join.field, joined.recordName, i, join.key)]], dropped),
    );
  const withKey = (i: number, overrides: Variant["overrides"]): Variant["overrides"] =>
    keyField
      ? [[keyField.path, joinKey(keyField, op.recordName, i, referrer)], ...overrides]
      : overrides;
  if (op.mapping.locator) {
    const out: Variant[] = [];
    for (let i = 0; i < 3; i++) {
      const overrides = locatorOverrides(op, i);
      if (overrides) out.push(make(withKey(i, overrides), i === 2));
    }
    return out;
  }
  const identity = op.mapping.identity?.fields[0];
  const second: Variant["overrides"] = identity
    ? [[identity.path, another(valueAt(applyOverrides(sample, restore), identity), identity)]]
    : [];
  return [make(withKey(0, []), false), ...(identity ? [make(withKey(1, second), false)] : [])];
}
