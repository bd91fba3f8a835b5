// Tiny syntactic predicates shared by the rules, over the ESTree shape oxc parses to. No type
// checker: names and shapes only.
import type {
  ArrowFunctionExpression,
  CallExpression,
  Class,
  Directive,
  Function as FunctionNode,
  MethodDefinition,
  Node,
  Statement,
  TSTypeAnnotation,
} from "oxc-parser";
import { forEachChild, type Source, type Span } from "./ast.js";

export type ClassNode = Class;
export type FunctionLike = FunctionNode | ArrowFunctionExpression;

/** Source text of a node with all whitespace removed: `this . filter` and `this.filter` compare equal. */
export function compactText(source: Source, node: Span): string {
  return source.textOf(node).replace(/\s+/g, "");
}

/** A function boundary: code inside runs later, or not at all, so searches for "this code path" stop here. */
export function isFunction(node: Node): node is FunctionLike {
  switch (node.type) {
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ArrowFunctionExpression":
    case "TSDeclareFunction":
    case "TSEmptyBodyFunctionExpression":
      return true;
    default:
      return false;
  }
}

/** The name of an identifier, private name (`#x`) or string literal used as a name. */
export function nameText(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === "Identifier") return node.name;
  if (node.type === "PrivateIdentifier") return `#${node.name}`;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  return undefined;
}

/** The declared name of a class member, object property or variable (`key` / `id`), when it is static. */
export function memberName(node: Node): string | undefined {
  switch (node.type) {
    case "MethodDefinition":
    case "TSAbstractMethodDefinition":
    case "PropertyDefinition":
    case "TSAbstractPropertyDefinition":
    case "Property":
      return node.computed ? undefined : nameText(node.key);
    case "VariableDeclarator":
      return nameText(node.id);
    case "FunctionDeclaration":
    case "FunctionExpression":
      return nameText(node.id);
    default:
      return undefined;
  }
}

/** Top-level classes, `export class …` and `export default class …` included. */
export function topLevelClasses(source: Source): ClassNode[] {
  const classes: ClassNode[] = [];
  for (const statement of source.program.body) {
    const node =
      statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration"
        ? statement.declaration
        : statement;
    if (node?.type === "ClassDeclaration") classes.push(node);
  }
  return classes;
}

/** A plain method (not a getter, setter or constructor) of the class, by name. */
export function findMethod(cls: ClassNode, name: string): MethodDefinition | undefined {
  return cls.body.body.find(
    (m): m is MethodDefinition =>
      (m.type === "MethodDefinition" || m.type === "TSAbstractMethodDefinition") &&
      m.kind === "method" &&
      memberName(m) === name,
  );
}

/** The statements of a method's body (none for an abstract method or an overload signature). */
export function bodyStatements(method: MethodDefinition): readonly (Directive | Statement)[] {
  return method.value.body?.body ?? [];
}

/** Depth-first search of `node` and below (not crossing into nested functions when `sameFunction`). */
export function findDescendant(
  node: Node,
  predicate: (n: Node) => boolean,
  sameFunction = false,
): Node | undefined {
  if (predicate(node)) return node;
  const visit = (n: Node): Node | undefined => {
    if (predicate(n)) return n;
    if (sameFunction && isFunction(n)) return undefined;
    return forEachChild(n, visit);
  };
  return forEachChild(node, visit);
}

/** `a.b` (not `a[b]`): the object and the property name, for static member accesses only. */
export function staticMember(node: Node): { object: Node; name: string } | undefined {
  if (node.type !== "MemberExpression" || node.computed) return undefined;
  const name = nameText(node.property);
  return name === undefined ? undefined : { object: node.object, name };
}

/** The last name of a callee: `foo` for `foo()`, `bar` for `a.b.bar()`. */
export function calleeName(call: CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === "Identifier") return callee.name;
  return staticMember(callee)?.name;
}

/** `return true;` (optionally `return Promise.resolve(true)`): the literal the platform forbids or wants. */
export function isReturnTrue(source: Source, node: Node): boolean {
  if (node.type !== "ReturnStatement" || !node.argument) return false;
  const text = compactText(source, node.argument);
  return text === "true" || text === "Promise.resolve(true)";
}

/** The last segment of a dotted name: `this.filter` → `filter`. */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

/** The written type of a binding or class field (`x: Foo`), if any. */
export function typeAnnotationOf(node: Node): Node | undefined {
  const annotation = (node as { typeAnnotation?: TSTypeAnnotation | null }).typeAnnotation;
  return annotation?.typeAnnotation;
}

/** The initializer of `const <name> = …` in the nearest enclosing function (or file) that declares it. */
export function localInitializer(name: string, from: Node): Node | undefined {
  for (let scope = from.parent; scope; scope = scope.parent) {
    if (!isFunction(scope) && scope.type !== "Program") continue;
    const decl = findDescendant(
      scope,
      (n) => n.type === "VariableDeclarator" && nameText(n.id) === name,
    );
    if (decl?.type === "VariableDeclarator") return decl.init ?? undefined;
  }
  return undefined;
}
