/**
 * Per-operation answers written as `id=value, id=value` (record kinds, pagination): one syntax for
 * the plop prompts and the `capkit generate` flags.
 */
import type { RecordKind } from "../model/types.js";

export const RECORD_KINDS: RecordKind[] = ["asset", "risk", "attribute", "none"];

/**
 * Parses `id=value` pairs for the given operations; `allowed(id)` lists the values an operation may
 * take. Returns the map, or a message naming the first bad pair.
 */
export function parsePairs(
  text: string,
  operations: string[],
  allowed: (id: string) => string[],
  what: string,
): Record<string, string> | string {
  const pairs: Record<string, string> = {};
  for (const pair of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf("=");
    const id = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (at < 1 || !operations.includes(id)) {
      return `"${pair}" does not name a selected operation (write id=${what})`;
    }
    const options = allowed(id);
    if (!options.includes(value))
      return `"${value}" is not a ${what} for ${id}: use ${options.join(" or ")}`;
    pairs[id] = value;
  }
  return pairs;
}
