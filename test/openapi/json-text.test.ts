import { isAscii } from "node:buffer";
import { describe, expect, it } from "vitest";
import { jsonTextOf } from "../../src/openapi/json-text.js";

const parsedBoth = (bytes: Buffer) => ({
  fast: JSON.parse(jsonTextOf(bytes)) as unknown,
  exact: JSON.parse(bytes.toString("utf8")) as unknown,
});

describe("jsonTextOf: JSON bytes as a one-byte string with the same parsed value", () => {
  it.each([
    ["ASCII only", '{"a": "b", "n": [1, 2.5, true, null]}'],
    ["accents and typographic quotes", '{"title": "Café – the “best” API", "été": "ü"}'],
    ["astral characters (surrogate pairs)", '{"emoji": "😀 🚀", "math": "𝔘"}'],
    ["a non-ASCII key and escapes next to it", '{"ñ\\n\\"x": "\\u00e9é\\\\"}'],
  ])("%s", (_name, json) => {
    const bytes = Buffer.from(json, "utf8");
    const { fast, exact } = parsedBoth(bytes);
    expect(fast).toEqual(exact);
    expect(isAscii(Buffer.from(jsonTextOf(bytes), "latin1"))).toBe(true);
  });

  it("characters cut by a chunk boundary, anywhere in a large document", () => {
    // 3- and 4-byte characters at every offset modulo the chunk size
    const values = Array.from({ length: 30_000 }, (_, i) => `v${i}€😀${"x".repeat(i % 7)}`);
    const bytes = Buffer.from(JSON.stringify({ values }), "utf8");
    const { fast, exact } = parsedBoth(bytes);
    expect(fast).toEqual(exact);
  });

  it("invalid UTF-8 decodes to U+FFFD, as Buffer#toString does", () => {
    const bytes = Buffer.concat([
      Buffer.from('{"bad": "a'),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('b"}'),
    ]);
    const { fast, exact } = parsedBoth(bytes);
    expect(fast).toEqual(exact);
  });
});
