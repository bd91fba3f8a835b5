// Which file of a folder is the integration's main file when neither the manifest nor the names say
// (`integrations/scanner/acme.ts`): the one whose class extends the base class and is registered.
// Without this, such a folder was linted as loose files and passed with "no problems".
import { parse } from "./ast.js";
import type { LintConfig } from "./config-defaults.js";
import { compactText, findDescendant, lastSegment, topLevelClasses } from "./predicates.js";

/**
 * How much a file looks like a main file: 3 for a class that extends the base and is registered,
 * 2 for one that only extends the base, 1 for a registered class that extends something else.
 */
function score(name: string, text: string, config: LintConfig): number {
  const { baseClass, registerFunction } = config.names;
  // cheap text test first: most files mention neither name and are never parsed
  if (!text.includes(baseClass) && !text.includes(registerFunction)) return 0;
  const { source, errors } = parse(name, text);
  if (errors.length > 0) return 0;
  const registered = new Set<string>();
  findDescendant(source.program, (n) => {
    if (n.type !== "CallExpression" || !n.arguments[0]) return false;
    if (lastSegment(compactText(source, n.callee)) !== registerFunction) return false;
    registered.add(compactText(source, n.arguments[0]));
    return false;
  });
  let best = 0;
  for (const cls of topLevelClasses(source)) {
    const extendsBase =
      cls.superClass !== null && lastSegment(compactText(source, cls.superClass)) === baseClass;
    const isRegistered = cls.id !== null && registered.has(cls.id.name);
    best = Math.max(best, (extendsBase ? 2 : 0) + (isRegistered ? 1 : 0));
  }
  return best;
}

/**
 * The name of the main file among `names` (sorted; ties go to the first), or undefined. `read`
 * gives a file's text, or undefined when it cannot be linted (binary, too big, unreadable).
 */
export function mainFileByContent(
  names: readonly string[],
  read: (name: string) => string | undefined,
  config: LintConfig,
): string | undefined {
  let found: { name: string; score: number } | undefined;
  for (const name of names) {
    if (!name.endsWith(".ts") || name.endsWith(".d.ts") || name.endsWith(".test.ts")) continue;
    const text = read(name);
    const value = text === undefined ? 0 : score(name, text, config);
    if (value > (found?.score ?? 0)) found = { name, score: value };
  }
  return found?.name;
}
