/** Import lines for generated files: names sorted, types marked, nothing imported that is unused. */

export interface ImportSpec {
  from: string;
  values?: Iterable<string>;
  types?: Iterable<string>;
}

const byName = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" });

export function importLine(spec: ImportSpec): string | undefined {
  const values = new Set(spec.values ?? []);
  const types = [...new Set(spec.types ?? [])].filter((t) => !values.has(t));
  const names = [
    ...[...values].map((v) => ({ name: v, text: v })),
    ...types.map((t) => ({ name: t, text: `type ${t}` })),
  ]
    .sort((a, b) => byName(a.name, b.name))
    .map((n) => n.text);
  if (names.length === 0) return undefined;
  if (values.size === 0)
    return `import type { ${types.sort(byName).join(", ")} } from "${spec.from}";`;
  return `import { ${names.join(", ")} } from "${spec.from}";`;
}

export function importLines(specs: ImportSpec[]): string[] {
  return specs.map(importLine).filter((line): line is string => line !== undefined);
}

/** The code of a TypeScript text without its comments and the contents of its strings. */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"/g, (m) =>
    m.startsWith('"') ? '""' : " ",
  );
}

/** Which of `candidates` appear as whole words in the code of `text` (not in its comments). */
export function usedNames(text: string, candidates: Iterable<string>): string[] {
  const code = codeOnly(text);
  return [...candidates].filter((name) =>
    new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(code),
  );
}
