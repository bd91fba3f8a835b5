/**
 * Biome's formatting of the JSON capkit writes (the manifest, the spec snapshot), done in-process:
 * a Biome spawn for a file whose layout is known ahead costs ~20 ms on the path of every generate.
 * Only the cases whose layout is certain are printed here; for anything else it answers undefined
 * and the file goes to Biome (test/generate/format-json.test.ts compares the two).
 */

const WIDTH = 100;

/** What Biome writes for `text`, or undefined when Biome must be asked. */
export function formatJsonLikeBiome(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Biome keeps an object expanded when its source is: only JSON.stringify(…, null, 2)'s layout,
  // where every object is, is known ahead
  if (`${JSON.stringify(value, null, 2)}\n` !== text) return undefined;
  const out: string[] = [];
  return printItem(value, "", 0, "", out) ? out.join("") : undefined;
}

/** Appends `value`, indented by `indent` and followed by `tail` (`,` or nothing), to `out`. */
function print(value: unknown, indent: string, tail: string, out: string[]): boolean {
  if (Array.isArray(value)) return printArray(value, indent, tail, out);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      out.push(`{}${tail}`);
      return true;
    }
    out.push("{\n");
    const inner = `${indent}  `;
    for (const [i, [key, item]] of entries.entries()) {
      const line = `${inner}${JSON.stringify(key)}: `;
      out.push(line);
      if (!printItem(item, inner, line.length, i < entries.length - 1 ? "," : "", out)) {
        return false;
      }
    }
    out.push(`${indent}}${tail}`);
    return true;
  }
  out.push(`${JSON.stringify(value)}${tail}`);
  return true;
}

/** One member or element; `used` is how much of its line is taken before it. */
function printItem(
  item: unknown,
  indent: string,
  used: number,
  tail: string,
  out: string[],
): boolean {
  if (Array.isArray(item)) {
    const flat = flatArray(item);
    if (flat === undefined) return false;
    // Biome puts a list of strings, booleans and nulls on one line when the line, with its comma,
    // fits in the width; otherwise one element per line
    if (flat !== null && used + flat.length + tail.length <= WIDTH) {
      out.push(`${flat}${tail}\n`);
      return true;
    }
  }
  if (!print(item, indent, tail, out)) return false;
  out.push("\n");
  return true;
}

/**
 * `[a, b]` for an array of strings, booleans and nulls (ASCII only: Biome measures other text by
 * display width); null when it is expanded whatever the width (it holds non-empty objects);
 * undefined when its layout is not certain (numbers are filled several per line, nested arrays and
 * empty objects may be put on one line).
 */
function flatArray(items: unknown[]): string | null | undefined {
  if (items.length === 0) return "[]";
  if (items.every((v) => typeof v === "string" || typeof v === "boolean" || v === null)) {
    const text = `[${items.map((v) => JSON.stringify(v)).join(", ")}]`;
    return /^[\x20-\x7e]*$/.test(text) ? text : undefined;
  }
  const expandedObjects = items.every(
    (v) => v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0,
  );
  return expandedObjects ? null : undefined;
}

function printArray(items: unknown[], indent: string, tail: string, out: string[]): boolean {
  if (items.length === 0) {
    out.push(`[]${tail}`);
    return true;
  }
  out.push("[\n");
  const inner = `${indent}  `;
  for (const [i, item] of items.entries()) {
    out.push(inner);
    if (!printItem(item, inner, inner.length, i < items.length - 1 ? "," : "", out)) return false;
  }
  out.push(`${indent}]${tail}`);
  return true;
}
