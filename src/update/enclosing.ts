/** The hand-written function a position falls in: `toHostAsset`, `Scanhub.invoke`, `it "…"`. */
import { Node } from "ts-morph";
import { parse } from "./units.js";

export function enclosing(text: string, file: string, line: number, column: number): string {
  const source = parse(text, `errors-${file}`);
  let pos: number;
  try {
    pos = source.compilerNode.getPositionOfLineAndCharacter(line - 1, column - 1);
  } catch {
    return "(module)";
  }
  let node: Node | undefined = source.getDescendantAtPos(pos);
  while (node) {
    const name = functionName(node);
    if (name) return name;
    node = node.getParent();
  }
  return "(module)";
}

function functionName(node: Node): string | undefined {
  if (Node.isFunctionDeclaration(node)) return node.getName() ?? "(anonymous function)";
  if (Node.isMethodDeclaration(node) || Node.isConstructorDeclaration(node)) {
    const cls = node.getParent();
    const owner = Node.isClassDeclaration(cls) ? `${cls.getName() ?? ""}.` : "";
    return `${owner}${Node.isMethodDeclaration(node) ? node.getName() : "constructor"}`;
  }
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) {
    const call = node.getParent();
    if (Node.isCallExpression(call)) {
      const [first] = call.getArguments();
      if (first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)))
        return `${call.getExpression().getText()} "${first.getLiteralText()}"`;
    }
    const holder = node.getParent();
    if (Node.isVariableDeclaration(holder)) return holder.getName();
  }
  return undefined;
}
