import { loadConfig } from "./config.js";
import { type LintResult, lintTargets } from "./engine.js";
import { collectFromFs, collectStaged } from "./sources.js";

export { type LintConfig, loadConfig, parseConfig } from "./config.js";
export { ENGINE_IDS, type LintResult, lintTargets } from "./engine.js";
export type { Rule } from "./rule.js";
export { RULE_IDS } from "./rule-ids.js";
export { RULES } from "./rules/index.js";
export type { Diagnostic } from "./types.js";

export interface LintOptions {
  cwd: string;
  paths: string[];
  staged?: boolean;
  config?: string;
}

/** The library entry behind `capkit lint`: config, file collection (tree or index), rules. */
export async function lint(options: LintOptions): Promise<LintResult> {
  const { config } = await loadConfig(options.cwd, options.config);
  const collect = options.staged ? collectStaged : collectFromFs;
  const { targets, store } = collect(options.cwd, options.paths, config);
  return lintTargets(targets, store, config);
}
