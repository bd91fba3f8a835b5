// `// capkit-disable-next-line <rule>[, <rule>] -- <reason>`. Only real comments count: the parser's
// comment list is the source of truth, so text inside strings, templates and regular expressions
// never suppresses anything.
import type { Source } from "./ast.js";

const MARKER = "capkit-disable-next-line";

export interface Suppression {
  /** Line (1-based) of the directive comment. */
  line: number;
  column: number;
  /** The line it applies to. */
  target: number;
  rules: string[];
  reason: string;
  used: boolean;
}

export interface DirectiveProblem {
  line: number;
  column: number;
  message: string;
}

export function findSuppressions(
  source: Source,
  knownRules: ReadonlySet<string>,
): { suppressions: Suppression[]; problems: DirectiveProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: DirectiveProblem[] = [];
  for (const comment of source.comments) {
    // `//` and `/*` are both two characters; `value` is the text after them
    const valueStart = comment.start + 2;
    for (
      let index = comment.value.indexOf(MARKER);
      index >= 0;
      index = comment.value.indexOf(MARKER, index + MARKER.length)
    ) {
      const body = comment.value.slice(index + MARKER.length).trim();
      const where = source.lineCol(valueStart + index);
      const endLine = source.lineCol(comment.end).line;
      const [ruleText = "", ...reasonParts] = body.split(" -- ");
      const reason = reasonParts.join(" -- ").trim();
      const rules = ruleText
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean);
      if (rules.length === 0) problems.push({ ...where, message: `${MARKER} needs a rule id` });
      else if (!reason)
        problems.push({
          ...where,
          message: `${MARKER} ${rules.join(", ")} needs a reason: add \`-- <why>\``,
        });
      else {
        const unknown = rules.filter((r) => !knownRules.has(r));
        if (unknown.length > 0)
          problems.push({ ...where, message: `unknown rule in ${MARKER}: ${unknown.join(", ")}` });
        else suppressions.push({ ...where, target: endLine + 1, rules, reason, used: false });
      }
    }
  }
  return { suppressions, problems };
}
