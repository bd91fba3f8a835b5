/**
 * Work the generator left to the engineer that is still not done: a transform or checkAffiliation
 * that still throws the generated NotImplementedError. `capkit check` is not ready while any is.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ts as T } from "ts-morph";
import { loadTs, type Node } from "./ts.js";

export interface Pending {
  file: string;
  line: number;
  column: number;
  /** The function or method that still throws, e.g. `toHostAsset`. */
  name: string;
}

const MARKER = "NotImplementedError";

function enclosingName(ts: typeof T, node: Node): string {
  for (let at: Node | undefined = node.parent; at; at = at.parent) {
    if ((ts.isFunctionDeclaration(at) || ts.isMethodDeclaration(at)) && at.name)
      return at.name.getText();
    if (ts.isVariableDeclaration(at) && ts.isIdentifier(at.name)) return at.name.text;
  }
  return "(module)";
}

/** Every `throw new NotImplementedError(…)` in the folder's own (non-test, non-generated) files. */
export async function pendingWork(abs: string, display: string): Promise<Pending[]> {
  const files = readdirSync(abs)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts"))
    .sort();
  const out: Pending[] = [];
  let ts: typeof T | undefined;
  for (const name of files) {
    const text = readFileSync(join(abs, name), "utf8");
    // cheap first: most finished files never mention it, and generated files are not yours
    if (!text.includes(MARKER) || /@generated\b/.test(text.slice(0, 600))) continue;
    ts ??= await loadTs();
    const parser = ts;
    const sf = parser.createSourceFile(name, text, parser.ScriptTarget.Latest, true);
    const visit = (node: Node): void => {
      if (
        parser.isThrowStatement(node) &&
        node.expression &&
        parser.isNewExpression(node.expression) &&
        node.expression.expression.getText() === MARKER
      ) {
        const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart());
        out.push({
          file: `${display}/${name}`,
          line: line + 1,
          column: character + 1,
          name: enclosingName(parser, node),
        });
      }
      parser.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}
