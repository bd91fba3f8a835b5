/**
 * Zod schemas for the records the transform reads, from their shape (see record-shape.ts): lenient
 * on purpose (unknown keys pass, enums are plain strings), strict about the types of the fields the
 * spec names, nested objects included.
 */

import { usedNames } from "../imports.js";
import { commentText, propertyKey } from "../safe-text.js";
import type { JsonSchema } from "./record-schema.js";
import { type Field, type Keep, NESTED_LEVELS, objectShape, type Shape } from "./record-shape.js";

// an object left open: checked to be one, and not copied key by key on every parse
const OPEN_OBJECT = "jsonObject()";

const LEAF: Record<string, string> = {
  string: "z.string()",
  number: "z.number()",
  boolean: "z.boolean()",
  unknown: "z.unknown()",
  record: OPEN_OBJECT,
};

/**
 * The import of a file of zod schemas: `z`, `jsonObject` when an open object uses it, and `types`
 * (e.g. `type WebhookRoute`), sorted as Biome sorts them.
 */
export function zodImport(body: string, types: string[] = []): string {
  const names = [...types, "z", ...usedNames(body, ["jsonObject"])];
  const key = (name: string) => name.replace(/^type /, "").toLowerCase();
  names.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return `import { ${names.join(", ")} } from "@capkit/runtime";`;
}

function zodOf(shape: Shape, indent: string): string {
  if (shape.kind === "array") return `z.array(${zodOf(shape.items, indent)})`;
  if (shape.kind === "object") {
    const inner = `${indent}  `;
    const lines = shape.fields.map((f) => `${inner}${propertyKey(f.name)}: ${fieldZod(f, inner)},`);
    return lines.length === 0 ? OPEN_OBJECT : `z.looseObject({\n${lines.join("\n")}\n${indent}})`;
  }
  return LEAF[shape.kind] ?? "z.unknown()";
}

function fieldZod(field: Field, indent: string): string {
  const zod = zodOf(field.shape, indent);
  // zod 4 wants the key of a required `unknown` present; an optional one may be left out
  if (field.shape.kind === "unknown") return field.required ? zod : `${zod}.optional()`;
  if (!field.required) return `${zod}.nullish()`;
  return field.nullable ? `${zod}.nullable()` : zod;
}

/**
 * One `name: z.…()` line (or block, for a nested object) per top-level property, in order;
 * `nestedLevels: 0` checks nested objects as open records; `keep` (the paths the suggested mapping
 * reads) stays typed in a nested object opened to fit the line budget.
 */
export function zodFields(
  document: unknown,
  schema: JsonSchema | undefined,
  deref: (node: unknown) => JsonSchema | undefined,
  nestedLevels = NESTED_LEVELS,
  keep: Keep = [],
): string[] {
  const shape = objectShape(document, schema, deref, 0, nestedLevels, keep);
  if (shape.kind !== "object") return [];
  const lines: string[] = [];
  for (const field of shape.fields) {
    const doc = field.description ? commentText(field.description, 100) : "";
    if (doc) lines.push(`/** ${doc} */`);
    lines.push(...`${propertyKey(field.name)}: ${fieldZod(field, "")},`.split("\n"));
  }
  return lines;
}
