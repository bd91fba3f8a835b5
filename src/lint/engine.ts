import { posix } from "node:path";
import { loadParser, parse } from "./ast.js";
import type { LintConfig } from "./config.js";
import { ruleSetting } from "./config.js";
import { at, ENGINE_IDS, sortDiagnostics } from "./diagnostic.js";
import { IntegrationFolder, type MainFinder, type Store } from "./folder.js";
import { mainFileByContent } from "./main-file.js";
import { decode, isGenerated } from "./read.js";
import type { RuleId } from "./rule-ids.js";
import { RULES } from "./rules/index.js";
import { applySuppressions, type FileRun, runRules } from "./run-file.js";
import type { Diagnostic, LintFile } from "./types.js";

export { ENGINE_IDS } from "./diagnostic.js";

export interface LintResult {
  files: string[];
  diagnostics: Diagnostic[];
  /** Text of the files that have findings (for code frames). */
  sources: Map<string, string>;
}

/** Lints `targets` (display paths) read through `store`. Never throws for bad file content. */
export async function lintTargets(
  targets: string[],
  store: Store,
  config: LintConfig,
): Promise<LintResult> {
  const folders = new Map<string, IntegrationFolder>();
  const findMain: MainFinder = (folder) =>
    mainFileByContent(
      folder.files,
      (name) => {
        const text = decode(folder.path(name), store.read(folder.path(name)), config);
        return typeof text === "string" ? text : undefined;
      },
      config,
    );
  const folderOf = (dir: string) =>
    folders.get(dir) ?? folders.set(dir, new IntegrationFolder(dir, store, findMain)).get(dir)!;
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  if (targets.length > 0) await loadParser();
  for (const path of targets) {
    const folder = folderOf(posix.dirname(path));
    const decoded = decode(path, store.read(path), config);
    if (typeof decoded !== "string") {
      diagnostics.push(decoded);
      continue;
    }
    texts.set(path, decoded);
    const name = posix.basename(path);
    const role = folder.isIntegration
      ? folder.roleOf(name)
      : name.endsWith(".test.ts")
        ? "test"
        : "other";
    const file: LintFile = {
      path,
      text: decoded,
      role,
      generated: isGenerated(decoded, folder, name),
    };
    const { source, errors } = parse(path, decoded);
    if (errors.length > 0) {
      for (const e of errors.slice(0, 3))
        diagnostics.push(
          at(path, e.line, e.column, {
            ruleId: ENGINE_IDS.parse,
            severity: "error",
            message: `syntax error: ${e.message}`,
          }),
        );
      continue;
    }
    const run: FileRun = { file, folder, source, out: [], configErrors: [], crashed: new Set() };
    runRules(run, config);
    applySuppressions(run);
    diagnostics.push(...run.out, ...run.configErrors);
  }
  for (const folder of folders.values()) {
    // a manifest or split files without a main file still make an integration folder, a broken one
    if (!folder.looksLikeIntegration) continue;
    const main = folder.path(`${folder.service}.ts`);
    for (const rule of RULES) {
      if (!rule.checkFolder) continue;
      const setting = ruleSetting(config, rule.id as RuleId, main);
      if (setting === "off") continue;
      rule.checkFolder({
        folder,
        config,
        report: (file, message) =>
          diagnostics.push(
            at(file, 1, 1, { ruleId: rule.id, severity: setting, message, fix: rule.meta.fix }),
          ),
      });
    }
  }
  const withFindings = new Set(diagnostics.map((d) => d.file));
  const sources = new Map([...texts].filter(([path]) => withFindings.has(path)));
  return { files: [...targets].sort(), diagnostics: sortDiagnostics(diagnostics), sources };
}
