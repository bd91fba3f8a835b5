// `// capkit-disable-next-line <rule>[, <rule>] -- <reason>`. Only real comments count: a candidate is
// kept only when the TypeScript scanner, started from a token boundary found in the AST, reports it
// inside a comment range — text inside strings and templates never suppresses anything.
import type { Node, SourceFile, TS } from "./ts.js";

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

/** The innermost node whose full range contains `pos`, and a token boundary at or before `pos`. */
function tokenBoundaryBefore(ts: TS, sf: SourceFile, pos: number): { from: number; node: Node } {
  let node: Node = sf;
  let from = 0;
  for (;;) {
    let next: Node | undefined;
    ts.forEachChild(node, (child) => {
      if (next) return true;
      if (child.getFullStart() <= pos && pos < child.getEnd()) next = child;
      else if (child.getEnd() <= pos) from = child.getEnd();
      return undefined;
    });
    if (!next) return { from, node };
    node = next;
    from = node.getFullStart();
  }
}

function commentAt(
  ts: TS,
  sf: SourceFile,
  pos: number,
): { start: number; end: number } | undefined {
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    ts.LanguageVariant.Standard,
    sf.text,
  );
  const { from, node } = tokenBoundaryBefore(ts, sf, pos);
  // inside a literal token (template parts cannot be rescanned out of context): never a comment
  const K = ts.SyntaxKind;
  const literal = [
    K.StringLiteral,
    K.NoSubstitutionTemplateLiteral,
    K.TemplateHead,
    K.TemplateMiddle,
    K.TemplateTail,
    K.RegularExpressionLiteral,
    K.JsxText,
  ];
  if (literal.includes(node.kind)) {
    if (pos >= node.getStart(sf)) return undefined;
  }
  scanner.resetTokenState(from);
  for (;;) {
    const kind = scanner.scan();
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    if (kind === ts.SyntaxKind.EndOfFileToken || start > pos) return undefined;
    if (end <= pos) continue;
    const isComment =
      kind === ts.SyntaxKind.SingleLineCommentTrivia ||
      kind === ts.SyntaxKind.MultiLineCommentTrivia;
    return isComment ? { start, end } : undefined;
  }
}

export interface DirectiveProblem {
  line: number;
  column: number;
  message: string;
}

export function findSuppressions(
  ts: TS,
  sf: SourceFile,
  knownRules: ReadonlySet<string>,
): { suppressions: Suppression[]; problems: DirectiveProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: DirectiveProblem[] = [];
  for (
    let at = sf.text.indexOf(MARKER);
    at >= 0;
    at = sf.text.indexOf(MARKER, at + MARKER.length)
  ) {
    const comment = commentAt(ts, sf, at);
    if (!comment) continue;
    const body = sf.text
      .slice(at + MARKER.length, comment.end)
      .replace(/\*\/$/, "")
      .trim();
    const { line, character } = sf.getLineAndCharacterOfPosition(at);
    const endLine = sf.getLineAndCharacterOfPosition(comment.end).line;
    const [ruleText = "", ...reasonParts] = body.split(" -- ");
    const reason = reasonParts.join(" -- ").trim();
    const rules = ruleText
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean);
    const where = { line: line + 1, column: character + 1 };
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
      else suppressions.push({ ...where, target: endLine + 2, rules, reason, used: false });
    }
  }
  return { suppressions, problems };
}
