import { describe, expect, it } from "vitest";
import {
  commentText,
  identifier,
  jsonLiteral,
  propertyKey,
  stringLiteral,
} from "../../src/emit/safe-text.js";

describe("safe-text", () => {
  const hostile = "a */ b `c` ${d} 'e' \"f\"\ng\u2028h ../i";

  it.each([
    ["quotes and newlines", 'say "hi"\nnow'],
    ["template syntax", "`${process.exit(1)}`"],
    ["comment terminator", "*/ alert(1) /*"],
    ["line separators", "a\u2028b\u2029c"],
  ])("stringLiteral > %s round-trips as data", (_name, text) => {
    const literal = stringLiteral(text);
    expect(literal.startsWith('"')).toBe(true);
    expect(JSON.parse(literal)).toBe(text);
    expect(literal).not.toMatch(/[\n\u2028\u2029]/);
  });

  it("commentText > cannot end a block comment or start a new line", () => {
    const text = commentText(hostile);
    expect(text).not.toContain("*/");
    expect(text).not.toMatch(/[\n\r\u2028]/);
    expect(text).toContain("${d}");
  });

  it("commentText > bounds the length", () => {
    expect(commentText("x".repeat(500), 20)).toHaveLength(20);
  });

  it.each(["class", "a-b", "1abc", "", "a b", "__proto__;x", "ok\n"])(
    "identifier > refuses %j unless it is a plain identifier",
    (name) => {
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) expect(identifier(name)).toBe(name);
      else expect(() => identifier(name)).toThrow(/identifier/);
    },
  );

  it("propertyKey > quotes what is not an identifier", () => {
    expect(propertyKey("ip_address")).toBe("ip_address");
    expect(propertyKey("ip-address")).toBe('"ip-address"');
    expect(propertyKey('a"b')).toBe('"a\\"b"');
  });

  it("a __proto__ key stays a plain key, in object literals and property keys", () => {
    const literal = jsonLiteral({ __proto__: "x", a: { __proto__: 1 } } as unknown as object);
    expect(literal).not.toContain('"__proto__":');
    expect(propertyKey("__proto__")).toBe('["__proto__"]');
    const value = new Function(
      `return ${jsonLiteral(JSON.parse('{"__proto__": {"polluted": true}}'))};`,
    )();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
  });

  it("jsonLiteral > is JSON, with line separators escaped", () => {
    expect(JSON.parse(jsonLiteral({ a: "x\u2028y" }))).toEqual({ a: "x\u2028y" });
    expect(jsonLiteral({ a: "x\u2028y" })).not.toContain("\u2028");
  });
});
