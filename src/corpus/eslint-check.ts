/**
 * typescript-eslint's `recommended` and `strict` configs (the untyped ones, as a user's repository
 * would turn them on) over every generated integration, in one ESLint run. ESLint is a dev
 * dependency: a published capkit without it skips this check and says so.
 */
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface EslintFindings {
  /** Findings in generated (`@generated`) files, per integration folder. */
  generated: Map<string, string[]>;
  /** Findings in the files the engineer owns after generation (main, transform, test). */
  hand: Map<string, string[]>;
  /** Why the check did not run, when it did not. */
  skipped?: string;
}

export async function eslintAll(root: string, folders: string[]): Promise<EslintFindings> {
  const out: EslintFindings = { generated: new Map(), hand: new Map() };
  if (folders.length === 0) return out;
  let ESLint: typeof import("eslint").ESLint;
  let tseslint: typeof import("typescript-eslint").default;
  try {
    ({ ESLint } = await import("eslint"));
    tseslint = (await import("typescript-eslint")).default;
  } catch {
    return { ...out, skipped: "eslint or typescript-eslint is not installed" };
  }
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [...tseslint.configs.recommended, ...tseslint.configs.strict],
  });
  const results = await eslint.lintFiles(folders.map((f) => join(root, f, "*.ts")));
  for (const result of results) {
    const file = relative(root, result.filePath);
    const folder = file.split(sep)[0] ?? file;
    const generated = readFileSync(result.filePath, "utf8").includes("@generated");
    const target = generated ? out.generated : out.hand;
    for (const m of result.messages) {
      const line = `${file}:${m.line} ${m.ruleId ?? "eslint"}: ${m.message.split("\n")[0]}`;
      target.set(folder, [...(target.get(folder) ?? []), line]);
    }
  }
  return out;
}
