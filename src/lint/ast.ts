// The linter reads TypeScript through oxc's native parser (ESTree shape, the AST ESLint and
// typescript-eslint rules walk). Why not TypeScript's own parser: loading and compiling its 9 MB
// bundle costs more CPU than a commit hook's whole lint of five files; oxc is a native addon that
// loads in a few milliseconds and parses to the same tree shape every JS linter knows. ts-morph
// stays where code is edited (update, types splitting): it is never loaded by `capkit lint`.
import type { Comment, Node, OxcError, Program } from "oxc-parser";

export type { Node, Program } from "oxc-parser";

type Parser = typeof import("oxc-parser");
let parser: Parser | undefined;

/** Loads the parser once; `parse` needs it loaded. A lint with nothing to parse never pays for it. */
export async function loadParser(): Promise<void> {
  parser ??= await import("oxc-parser");
}

export interface ParseError {
  line: number;
  column: number;
  message: string;
}

/** A node or a bare span: what a finding can point at. */
export interface Span {
  start: number;
  end: number;
}

/** One parsed file: its text, tree and comments, with offset → line/column (1-based). */
export class Source {
  private lineStarts: number[] | undefined;
  private names: Set<string> | undefined;

  constructor(
    readonly text: string,
    readonly program: Program,
    readonly comments: readonly Comment[],
  ) {}

  lineCol(offset: number): { line: number; column: number } {
    this.lineStarts ??= lineStarts(this.text);
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  /** Source text of a node. */
  textOf(node: Span): string {
    return this.text.slice(node.start, node.end);
  }

  /** Every identifier name in the file, once: used to tell "misconfigured name" from "rule broken". */
  identifierNames(): Set<string> {
    if (!this.names) {
      const names = new Set<string>();
      const visit = (n: Node): undefined => {
        if (n.type === "Identifier") names.add(n.name);
        return forEachChild(n, visit);
      };
      visit(this.program);
      this.names = names;
    }
    return this.names;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return starts;
}

let keys: Record<string, readonly string[]> = {};

/**
 * Calls `fn` on each child of `node` in source order; stops at and returns the first truthy result
 * (TypeScript's `forEachChild` contract, which the rules were written against).
 */
export function forEachChild<T>(node: Node, fn: (child: Node) => T | undefined): T | undefined {
  for (const key of keys[node.type] ?? []) {
    // a child by the key the parser's visitor keys name: read without a cast
    const value: unknown = Reflect.get(node, key);
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === "object") {
          const hit = fn(item as Node);
          if (hit) return hit;
        }
      }
    } else if (value && typeof value === "object" && "type" in value) {
      const hit = fn(value as Node);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Gives every node its `parent` (the rules walk up from a node to its function or block). */
function attachParents(program: Program): void {
  const visit = (node: Node): undefined =>
    forEachChild(node, (child) => {
      (child as { parent?: Node }).parent = node;
      return visit(child);
    });
  visit(program);
}

/**
 * Parses one file (after `loadParser()`); syntax errors come back as data so the caller can report
 * them and move on.
 */
export function parse(path: string, text: string): { source: Source; errors: ParseError[] } {
  if (!parser) throw new Error("capkit: parse() before loadParser()");
  const { parseSync, visitorKeys } = parser;
  keys = visitorKeys;
  // `lang: "ts"` whatever the extension: capkit lints `.ts` files (not TSX), as `tsc` reads them
  const result = parseSync(path, text, { lang: "ts", sourceType: "module", preserveParens: true });
  const program = result.program;
  const source = new Source(text, program, result.comments);
  const errors = result.errors.map((e: OxcError) => {
    const at = source.lineCol(e.labels[0]?.start ?? 0);
    return { ...at, message: e.message };
  });
  if (errors.length === 0) attachParents(program);
  return { source, errors };
}
