import { readdirSync, readFileSync, statSync } from "node:fs";
import { posix, resolve } from "node:path";
import { CapkitError } from "../errors.js";
import { loadConfig } from "./config.js";
import { lintTargets } from "./engine.js";
import { type Pending, pendingWork } from "./pending-work.js";
import { RULES } from "./rules/index.js";
import { collectFromFs } from "./sources.js";
import type { Diagnostic } from "./types.js";

export interface ChecklistItem {
  id: string;
  description: string;
  ok: boolean;
  findings: { file: string; line: number; column: number; message: string }[];
}

export interface Checklist {
  dir: string;
  ok: boolean;
  rules: ChecklistItem[];
  /** Other findings (parse errors, suppressions, config) that belong to no rule. */
  other: Diagnostic[];
  files: { file: string; lines: number }[];
  /** Transforms and checkAffiliation that still throw the generated NotImplementedError. */
  pending: Pending[];
}

function lineCount(path: string): number {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8000).includes(0)) return 0;
  const text = bytes.toString("utf8");
  return text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/** The platform's verification checklist for one integration folder, from real lint evidence. */
export async function buildChecklist(
  cwd: string,
  dir: string,
  configPath?: string,
): Promise<Checklist> {
  const abs = resolve(cwd, dir);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir)
    throw new CapkitError("PATH_NOT_FOUND", `${dir}: not an integration folder`, {
      source: dir,
      exitCode: 2,
    });
  const { config } = await loadConfig(cwd, configPath);
  const { targets, store } = collectFromFs(cwd, [dir], config);
  const result = await lintTargets(targets, store, config);
  const rules = RULES.map((rule) => {
    const findings = result.diagnostics
      .filter((d) => d.ruleId === rule.id)
      .map((d) => ({ file: d.file, line: d.line, column: d.column, message: d.message }));
    return { id: rule.id, description: rule.meta.description, ok: findings.length === 0, findings };
  });
  const ruleIds = new Set(RULES.map((r) => r.id));
  const other = result.diagnostics.filter((d) => !ruleIds.has(d.ruleId));
  const display = posix.normalize(dir.split("\\").join("/")).replace(/\/$/, "");
  const files = readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort()
    .map((name) => ({ file: `${display}/${name}`, lines: lineCount(resolve(abs, name)) }));
  const pending = await pendingWork(abs, display);
  const ok =
    rules.every((r) => r.ok) && other.every((d) => d.severity !== "error") && pending.length === 0;
  return { dir: display, ok, rules, other, files, pending };
}
