import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../src/lint/rule-ids.js";
import { RULES } from "../../src/lint/rules/index.js";

const root = new URL("../../", import.meta.url);

describe("every rule has meta and a docs page that matches it", () => {
  it("the registry holds the 18 rules of the brief, in its order, one file each", () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    const files = readdirSync(new URL("src/lint/rules/", root)).filter((f) => f !== "index.ts");
    expect(files.sort()).toEqual(RULE_IDS.map((id) => `${id}.ts`).sort());
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s", (id, rule) => {
    expect(rule.meta.docs).toBe(`docs/rules/${id}.md`);
    for (const field of ["description", "why", "fix"] as const)
      expect(rule.meta[field].length).toBeGreaterThan(10);
    const page = new URL(rule.meta.docs, root);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, "utf8");
    expect(text.split("\n")[0]).toBe(`# ${id}`);
    expect(text).toContain(`> ${rule.meta.description}\n`);
    expect(text).toContain(`## Why\n\n${rule.meta.why}\n`);
    expect(text).toContain(`## How to fix\n\n${rule.meta.fix}\n`);
  });
});
