import { readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultConfig, type LintConfig } from "../../src/lint/config-defaults.js";
import { type LintResult, lintTargets } from "../../src/lint/engine.js";
import type { Store } from "../../src/lint/folder.js";

/** The complete, correct sample integration, stored with a `.txt` suffix so tsc, Biome and vitest skip it. */
export const GOOD_DIR = fileURLToPath(new URL("./fixtures/good/acme/", import.meta.url));

export function goodFiles(dir = "integrations/acme", from = GOOD_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(from)) {
    files[`${dir}/${name.replace(/\.txt$/, "")}`] = readFileSync(`${from}${name}`, "utf8");
  }
  return files;
}

export function memoryStore(files: Record<string, string | Buffer>): Store {
  return {
    kind: "fs",
    list: (dir) =>
      Object.keys(files)
        .filter((p) => posix.dirname(p) === dir)
        .map((p) => posix.basename(p))
        .sort(),
    read: (p) => {
      const content = files[p];
      return content === undefined ? undefined : Buffer.from(content);
    },
  };
}

/** Lints virtual files: every `.ts` file in `files` is a target. */
export function lintFiles(
  files: Record<string, string | Buffer>,
  config: LintConfig = defaultConfig(),
): Promise<LintResult> {
  const targets = Object.keys(files).filter((p) => p.endsWith(".ts"));
  return lintTargets(targets, memoryStore(files), config);
}

export const MAIN = "integrations/acme/acme.ts";
export const TRANSFORM = "integrations/acme/acme_transform.ts";

export interface Case {
  name: string;
  /** Replace text in a file of the good integration; the text must occur (a typo fails the case). */
  edit?: [file: string, from: string, to: string];
  /** Replace (or, with `undefined`, delete) whole files of the good integration. */
  files?: Record<string, string | undefined>;
  /** Expected findings of the rule under test (empty or absent for valid cases). */
  errors?: { line: number; column: number; file?: string; severity?: "error" | "warning" }[];
}

export function buildFiles(c: Case): Record<string, string> {
  const files = goodFiles();
  if (c.edit) {
    const [file, from, to] = c.edit;
    const text = files[file];
    if (text === undefined || !text.includes(from))
      throw new Error(`case "${c.name}": "${from}" not found in ${file}`);
    files[file] = text.replace(from, to);
  }
  for (const [path, content] of Object.entries(c.files ?? {})) {
    if (content === undefined) delete files[path];
    else files[path] = content;
  }
  return files;
}

/** RuleTester-style table: valid cases produce no finding of the rule, invalid ones exactly `errors`. */
export function ruleTable(ruleId: string, table: { valid: Case[]; invalid: Case[] }): void {
  describe(ruleId, () => {
    it.each(table.valid.map((c) => [c.name, c] as const))("valid > %s", async (_name, c) => {
      const { diagnostics } = await lintFiles(buildFiles(c));
      expect(diagnostics.filter((d) => d.ruleId === ruleId)).toEqual([]);
    });
    it.each(table.invalid.map((c) => [c.name, c] as const))("invalid > %s", async (_name, c) => {
      const { diagnostics } = await lintFiles(buildFiles(c));
      const found = diagnostics
        .filter((d) => d.ruleId === ruleId)
        .map((d) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity }));
      const want = (c.errors ?? []).map((e) => ({
        file: e.file ?? MAIN,
        line: e.line,
        column: e.column,
        severity: e.severity ?? "error",
      }));
      expect(found).toEqual(want);
      expect(want.length).toBeGreaterThan(0);
    });
  });
}
