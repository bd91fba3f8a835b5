/**
 * typescript-eslint's `recommended` and `strict` configs (the untyped ones, as a user's repository
 * would turn them on) over every generated integration, in one ESLint run. ESLint is a dev
 * dependency: a published capkit without it skips this check and says so.
 */
import { join, relative, sep } from "node:path";

export interface EslintFindings {
  /** `file:line rule: message` per integration folder. */
  findings: Map<string, string[]>;
  /** Why the check did not run, when it did not. */
  skipped?: string;
}

export async function eslintAll(root: string, folders: string[]): Promise<EslintFindings> {
  const out: EslintFindings = { findings: new Map() };
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
    for (const m of result.messages) {
      const line = `${file}:${m.line} ${m.ruleId ?? "eslint"}: ${m.message.split("\n")[0]}`;
      out.findings.set(folder, [...(out.findings.get(folder) ?? []), line]);
    }
  }
  return out;
}
