// Tiny syntactic predicates shared by the rules. No type checker: names and shapes only.
import type {
  CallExpression,
  ClassDeclaration,
  MethodDeclaration,
  Node,
  SourceFile,
  TS,
} from "./ts.js";

/** Source text of a node with all whitespace removed: `this . filter` and `this.filter` compare equal. */
export function compactText(sf: SourceFile, node: Node): string {
  return node.getText(sf).replace(/\s+/g, "");
}

export function memberName(ts: TS, node: Node): string | undefined {
  const name = (node as { name?: Node }).name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name))
    return name.text;
  return undefined;
}

export function findMethod(
  ts: TS,
  cls: ClassDeclaration,
  name: string,
): MethodDeclaration | undefined {
  return cls.members.find(
    (m): m is MethodDeclaration => ts.isMethodDeclaration(m) && memberName(ts, m) === name,
  );
}

/** Depth-first search of `node` and below (not crossing into nested functions when `sameFunction`). */
export function findDescendant(
  ts: TS,
  node: Node,
  predicate: (n: Node) => boolean,
  sameFunction = false,
): Node | undefined {
  if (predicate(node)) return node;
  let found: Node | undefined;
  const visit = (n: Node): void => {
    if (found) return;
    if (predicate(n)) {
      found = n;
      return;
    }
    if (sameFunction && ts.isFunctionLike(n)) return;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

export function isCallTo(
  ts: TS,
  sf: SourceFile,
  node: Node,
  callee: string,
): node is CallExpression {
  return ts.isCallExpression(node) && compactText(sf, node.expression) === callee;
}

/** The last name of a callee: `foo` for `foo()`, `bar` for `a.b.bar()`. */
export function calleeName(ts: TS, call: CallExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** `return true;` (optionally `return Promise.resolve(true)`): the literal the platform forbids or wants. */
export function isReturnTrue(ts: TS, sf: SourceFile, node: Node): boolean {
  if (!ts.isReturnStatement(node) || !node.expression) return false;
  const text = compactText(sf, node.expression);
  return text === "true" || text === "Promise.resolve(true)";
}

/** Every identifier name in the file, once: used to tell "misconfigured name" from "rule broken". */
export function identifierNames(ts: TS, sf: SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (n: Node): void => {
    if (ts.isIdentifier(n)) names.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return names;
}

/** The last segment of a dotted name: `this.filter` → `filter`. */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

export function enclosingFunction(ts: TS, node: Node): Node | undefined {
  let at: Node | undefined = node.parent;
  while (at && !ts.isFunctionLike(at)) at = at.parent;
  return at;
}

/** The initializer of `const <name> = …` in the nearest enclosing function (or file) that declares it. */
export function localInitializer(ts: TS, ident: Node & { text: string }): Node | undefined {
  for (let scope = ident.parent; scope; scope = scope.parent) {
    if (!ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) continue;
    const decl = findDescendant(
      ts,
      scope,
      (n) => ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === ident.text,
    );
    if (decl && ts.isVariableDeclaration(decl)) return decl.initializer;
  }
  return undefined;
}
