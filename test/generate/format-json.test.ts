// formatJsonLikeBiome must print exactly what Biome prints whenever it answers, and answer for the
// files capkit writes (else the Biome spawn it saves is still paid). Biome itself is the oracle.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runBiome } from "../../src/generate/format.js";
import { formatJsonLikeBiome } from "../../src/generate/format-json.js";

const stringify = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A seeded generator (mulberry32): the same cases on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Objects and arrays of every kind the printer handles or must refuse, lengths near the width. */
function randomValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 4 : 9));
  const text = () => "abcdefghij".repeat(8).slice(0, Math.floor(next() * 60));
  switch (pick) {
    case 0:
      return text();
    case 1:
      return Math.floor(next() * 1000);
    case 2:
      return next() < 0.5 ? true : null;
    case 3:
      return next() < 0.1 ? "é".repeat(Math.floor(next() * 50)) : text();
    case 4:
    case 5: {
      const items = Array.from({ length: Math.floor(next() * 5) }, text);
      return next() < 0.15 ? [...items, false] : items;
    }
    case 6:
      return Array.from({ length: Math.floor(next() * 3) }, () => randomValue(next, depth + 1));
    default: {
      const entries = Array.from({ length: Math.floor(next() * 5) }, (_, i) => [
        `key${i}${"x".repeat(Math.floor(next() * 30))}`,
        randomValue(next, depth + 1),
      ]);
      return Object.fromEntries(entries);
    }
  }
}

const crafted: Record<string, unknown> = {
  numbers: { n: [1, 2, 3], long: Array.from({ length: 60 }, (_, i) => i * 7) },
  nested: { a: [["x"], ["y"]], b: [{}, []], c: [{ k: 1 }, { j: ["a", "b"] }] },
  width: Object.fromEntries(
    // the line with and without the comma that follows it
    [95, 96, 97, 98, 99, 100, 101, 102].map((n) => [
      `k${n}`,
      { a: ["a".repeat(n - 17), "b"], z: ["a".repeat(n - 17), "b"] },
    ]),
  ),
  empty: { o: {}, a: [], s: "", deep: { deeper: { deepest: [] } } },
  escapes: { s: ['quote " and \\ backslash', "tab\t", "\u0001"], t: ["ünïcode"] },
  top: ["a", "b"],
};

describe("formatJsonLikeBiome", () => {
  it("prints what Biome prints, for the example's manifest and spec snapshot and 300 random documents", async () => {
    const next = random(12);
    const cases = new Map<string, string>([
      [
        "manifest.json",
        stringify(JSON.parse(readFileSync("examples/vulnscan/.capkit.json", "utf8"))),
      ],
      [
        "snapshot.json",
        stringify(JSON.parse(readFileSync("examples/vulnscan/.capkit/spec.json", "utf8"))),
      ],
      ...Object.entries(crafted).map(([name, v]): [string, string] => [
        `${name}.json`,
        stringify(v),
      ]),
      ...Array.from({ length: 300 }, (_, i): [string, string] => [
        `random-${i}.json`,
        stringify({ root: randomValue(next, 0), other: randomValue(next, 1) }),
      ]),
    ]);
    const biome = await runBiome(
      [...cases].map(([path, content]) => ({ path, content, owner: "generated" as const })),
    );
    expect(biome.size).toBe(cases.size);
    let answered = 0;
    for (const [path, content] of cases) {
      const ours = formatJsonLikeBiome(content);
      if (ours === undefined) continue;
      answered++;
      expect(ours, path).toBe(biome.get(path));
    }
    // the fast path must be the common one, or it saves nothing
    expect(formatJsonLikeBiome(cases.get("manifest.json")!)).toBeDefined();
    expect(formatJsonLikeBiome(cases.get("snapshot.json")!)).toBeDefined();
    expect(answered).toBeGreaterThan(150);
  });

  it("leaves to Biome what it cannot be sure of", () => {
    expect(formatJsonLikeBiome(stringify(crafted.numbers))).toBeUndefined();
    expect(formatJsonLikeBiome(stringify(crafted.nested))).toBeUndefined();
    expect(formatJsonLikeBiome(stringify({ t: ["ünïcode"] }))).toBeUndefined();
    expect(formatJsonLikeBiome('{"a": 1}\n')).toBeUndefined();
    expect(formatJsonLikeBiome("{not json")).toBeUndefined();
  });
});
