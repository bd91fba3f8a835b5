/**
 * tsc's errors in the hand-owned files, each put on the hand-written function it falls in
 * (`toHostAsset`, `Scanhub.invoke`, `test "toHostAsset maps…"`): after an update, that is the
 * list of places the new types broke.
 */
import { basename } from "node:path";
import { Node } from "ts-morph";
import { parse } from "./units.js";

export interface CompileError {
  file: string;
  line: number;
  column: number;
  /** The enclosing function, method or test; `(module)` at the top level. */
  function: string;
  code: string;
  message: string;
}

const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

export function compileErrors(output: string, files: ReadonlyMap<string, string>): CompileError[] {
  const out: CompileError[] = [];
  for (const raw of output.split("\n")) {
    const match = LINE.exec(raw.trim());
    if (!match) {
      // tsc continues a long message on indented lines
      const last = out.at(-1);
      if (last && /^\s+\S/.test(raw)) last.message += ` ${raw.trim()}`;
      continue;
    }
    const [, path = "", line = "0", column = "0", code = "", message = ""] = match;
    const file = basename(path);
    const text = files.get(file);
    if (text === undefined) continue;
    out.push({
      file,
      line: Number(line),
      column: Number(column),
      function: enclosing(text, file, Number(line), Number(column)),
      code,
      message,
    });
  }
  return out;
}

function enclosing(text: string, file: string, line: number, column: number): string {
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

export function formatCompileErrors(errors: readonly CompileError[]): string[] {
  const byFunction = new Map<string, CompileError[]>();
  for (const e of errors) {
    const key = `${e.file} › ${e.function}`;
    byFunction.set(key, [...(byFunction.get(key) ?? []), e]);
  }
  return [...byFunction].flatMap(([where, list]) => [
    `  ${where}`,
    ...list.map((e) => `    ${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`),
  ]);
}
