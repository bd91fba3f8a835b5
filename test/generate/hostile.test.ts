import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate/index.js";
import { typecheck } from "../../src/verify/typecheck.js";
import { fixtureSpec, scratchDir } from "../helpers/scratch.js";

/** Identifiers a hostile spec tries to smuggle into code through titles, ids, enums and examples. */
const SMUGGLED = new Set(["exit", "globalThis", "rf", "passwd", "alert"]);

/** Every identifier in the syntax tree of a file: text inside strings and comments is not one. */
function identifiers(source: string): string[] {
  const file = ts.createSourceFile("x.ts", source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("generate > a hostile document", () => {
  it("compiles, and its strings stay data", { timeout: 120_000 }, async () => {
    const out = scratchDir("hostile");
    const result = await generate({
      spec: fixtureSpec("hostile.yaml"),
      name: "hostile",
      out,
      force: true,
      verify: false,
    });
    expect(result.written).toBe(true);
    const build = await typecheck(out);
    expect(build.output).toBe("");
    for (const file of readdirSync(out).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(out, file), "utf8");
      const smuggled = identifiers(source).filter((name) => SMUGGLED.has(name));
      expect(smuggled, file).toEqual([]);
      // The markers are still there, as text: escaped, not dropped.
      if (file === "hostile_samples.ts") expect(source).toContain('["__proto__"]: "polluted */"');
    }
    const names = readdirSync(out);
    expect(names.every((name) => /^[\w.-]+$/.test(name))).toBe(true);
  });
});
