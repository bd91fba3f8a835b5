/**
 * Zod schemas for the records the transform reads. They are deliberately lenient (unknown keys pass,
 * enums are plain strings, nested objects are not checked): they catch a vendor changing a field's
 * type, not a vendor adding a value.
 */

import { commentText, propertyKey } from "../safe-text.js";
import { flattenObject, type JsonSchema } from "./record-schema.js";

function jsonType(schema: JsonSchema | undefined): { type: string; nullable: boolean } {
  if (!schema) return { type: "unknown", nullable: true };
  const raw = schema.type;
  const types = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : [];
  const nullable = schema.nullable === true || types.includes("null");
  const first = types.find((t) => t !== "null");
  if (first) return { type: first, nullable };
  if (schema.properties || schema.allOf) return { type: "object", nullable };
  if (schema.items) return { type: "array", nullable };
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string")) {
    return { type: "string", nullable };
  }
  return { type: "unknown", nullable: true };
}

const ZOD_BY_TYPE: Record<string, string> = {
  string: "z.string()",
  integer: "z.number()",
  number: "z.number()",
  boolean: "z.boolean()",
  array: "z.array(z.unknown())",
  object: "z.record(z.string(), z.unknown())",
  unknown: "z.unknown()",
};

/** One `name: z.…()` line per top-level property, in the document's order. */
export function zodFields(
  document: unknown,
  schema: JsonSchema | undefined,
  deref: (node: unknown) => JsonSchema | undefined,
): string[] {
  const flat = flattenObject(document, schema);
  const required = new Set(flat.required as string[]);
  const lines: string[] = [];
  for (const [name, raw] of Object.entries(flat.properties as Record<string, unknown>)) {
    const prop = deref(raw);
    const { type, nullable } = jsonType(prop);
    let zod = ZOD_BY_TYPE[type] ?? "z.unknown()";
    if (type !== "unknown") {
      if (!required.has(name)) zod += ".nullish()";
      else if (nullable) zod += ".nullable()";
    }
    const doc =
      prop && typeof prop.description === "string" ? commentText(prop.description, 100) : "";
    if (doc) lines.push(`/** ${doc} */`);
    lines.push(`${propertyKey(name)}: ${zod},`);
  }
  return lines;
}
