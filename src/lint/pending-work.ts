/**
 * Work the generator left to the engineer that is still not done: a transform or checkAffiliation
 * that still throws the generated NotImplementedError. `capkit check` is not ready while any is.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { forEachChild, loadParser, type Node, parse } from "./ast.js";
import { memberName, nameText } from "./predicates.js";

export interface Pending {
  file: string;
  line: number;
  column: number;
  /** The function or method that still throws, e.g. `toHostAsset`. */
  name: string;
}

const MARKER = "NotImplementedError";

/** The name of the function or method a node sits in (`toHostAsset`, `checkAffiliation`). */
function enclosingName(node: Node): string {
  for (let at = (node as { parent?: Node }).parent; at; at = (at as { parent?: Node }).parent) {
    if (
      at.type === "MethodDefinition" ||
      at.type === "VariableDeclarator" ||
      at.type === "FunctionDeclaration"
    )
      return memberName(at) ?? "(anonymous)";
  }
  return "(module)";
}

/** Every `throw new NotImplementedError(…)` in the folder's own (non-test, non-generated) files. */
export async function pendingWork(abs: string, display: string): Promise<Pending[]> {
  const files = readdirSync(abs)
    .filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts") && !n.endsWith(".d.ts"))
    .sort();
  const out: Pending[] = [];
  for (const name of files) {
    const text = readFileSync(join(abs, name), "utf8");
    // cheap first: finished files never mention it, and generated files are not yours to write
    if (!text.includes(MARKER) || /@generated\b/.test(text.slice(0, 600))) continue;
    await loadParser();
    const { source, errors } = parse(name, text);
    if (errors.length > 0) continue; // `capkit check` reports syntax errors through the linter
    const visit = (node: Node): undefined => {
      if (
        node.type === "ThrowStatement" &&
        node.argument.type === "NewExpression" &&
        nameText(node.argument.callee) === MARKER
      ) {
        out.push({
          file: `${display}/${name}`,
          ...source.lineCol(node.start),
          name: enclosingName(node),
        });
      }
      return forEachChild(node, visit);
    };
    visit(source.program);
  }
  return out;
}
