import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CapkitError } from "../errors.js";
import { defaultConfig, type LintConfig } from "./config-defaults.js";
import { matchesGlob } from "./glob.js";
import type { RuleId } from "./rule-ids.js";
import type { RuleSetting } from "./types.js";

export type { LintConfig } from "./config-defaults.js";

const CANDIDATES = [
  "capkit.config.json",
  "capkit.config.ts",
  "capkit.config.js",
  "capkit.config.mjs",
];

function configError(source: string, message: string, cause?: unknown): CapkitError {
  return new CapkitError("CONFIG_INVALID", `${source}: ${message}`, {
    source,
    exitCode: 2,
    ...(cause === undefined ? {} : { cause }),
  });
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/** One line per problem, naming the key: `names.logr: unknown key`. */
function describeIssues(issues: Issue[]): string {
  return issues
    .flatMap((issue) => {
      const at = issue.path.map(String).join(".");
      if (issue.code === "unrecognized_keys" && issue.keys) {
        return issue.keys.map((key) => `${at ? `${at}.` : ""}${key}: unknown key`);
      }
      return [`${at || "(root)"}: ${issue.message}`];
    })
    .join("; ");
}

/** Validates a raw config with zod (loaded only now: runs without a config file never need it). */
export async function parseConfig(raw: unknown, source: string): Promise<LintConfig> {
  const { configSchema } = await import("./config-schema.js");
  const result = configSchema.safeParse(raw);
  if (!result.success)
    throw configError(source, `invalid config: ${describeIssues(result.error.issues as Issue[])}`);
  if (result.data.lineBudget.warnFrom > result.data.lineBudget.max) {
    throw configError(source, "invalid config: lineBudget.warnFrom must not exceed lineBudget.max");
  }
  return result.data;
}

async function readRaw(path: string): Promise<unknown> {
  if (path.endsWith(".json")) {
    try {
      return JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw configError(path, `cannot read JSON: ${(error as Error).message}`, error);
    }
  }
  // .ts needs a loader (tsx, or Node's type stripping on 22.6+); the JSON form never does
  try {
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    return mod.default ?? mod;
  } catch (error) {
    const hint = path.endsWith(".ts")
      ? " (a .ts config needs Node 22.6+ type stripping or a loader such as tsx; capkit.config.json needs neither)"
      : "";
    throw configError(path, `cannot load config module: ${(error as Error).message}${hint}`, error);
  }
}

/** Loads `--config`, or the first `capkit.config.*` in `cwd`, or the defaults. */
export async function loadConfig(
  cwd: string,
  explicit?: string,
): Promise<{ config: LintConfig; source?: string }> {
  const path = explicit
    ? resolve(cwd, explicit)
    : CANDIDATES.map((name) => resolve(cwd, name)).find((p) => existsSync(p));
  if (explicit && (!path || !existsSync(path)))
    throw configError(explicit, "config file not found");
  if (!path) return { config: defaultConfig() };
  return { config: await parseConfig(await readRaw(path), path), source: path };
}

/** Severity of a rule for one file: rule settings, then every matching override in order. */
export function ruleSetting(config: LintConfig, ruleId: RuleId, file: string): RuleSetting {
  let value: RuleSetting = config.rules[ruleId] ?? "error";
  for (const override of config.overrides) {
    const setting = override.rules[ruleId];
    if (setting && override.files.some((glob) => matchesGlob(file, glob))) value = setting;
  }
  return value;
}
