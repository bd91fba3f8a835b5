/**
 * A hand-owned file as a tree of keyed units, so two generations (and the engineer's copy) can be
 * lined up without comparing text: a source file holds statements, an import its specifiers, a
 * class its members, a function (or a `describe("…", () => {…})` callback) its statements. Units
 * with a name are keyed by it (`function toHostAsset`, `member invoke`, `call it("…")`); the rest
 * by their text.
 */
import { Node, Project, type SourceFile, SyntaxKind } from "ts-morph";

export interface Unit {
  key: string;
  node: Node;
  /** The container inside the unit, when it has one worth descending into. */
  inner?: Container;
}

export interface Container {
  kind: "statements" | "members" | "specifiers";
  units: Unit[];
  /** Where a unit goes when the container holds none: right after its opening brace. */
  openEnd: number;
}

let project: Project | undefined;

/** Parses without a program: no type checker, no lib files, nothing read from disk. */
export function parse(text: string, name = "file.ts"): SourceFile {
  project ??= new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  return project.createSourceFile(`/${name}`, text, { overwrite: true });
}

export function fileUnits(file: SourceFile): Container {
  return statements(file.getStatements(), file.getStart());
}

function statements(list: Node[], openEnd: number): Container {
  return { kind: "statements", units: keyed(list.map(unitOf)), openEnd };
}

/** Identical keys (two statements of the same text) get `#2`, `#3`… in order. */
function keyed(units: Unit[]): Unit[] {
  const seen = new Map<string, number>();
  return units.map((u) => {
    const n = (seen.get(u.key) ?? 0) + 1;
    seen.set(u.key, n);
    return n === 1 ? u : { ...u, key: `${u.key}#${n}` };
  });
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

function unitOf(node: Node): Unit {
  if (Node.isImportDeclaration(node)) {
    const named = node.getNamedImports();
    const key = `import ${node.getModuleSpecifierValue()}${node.isTypeOnly() ? " (type)" : ""}`;
    const brace = node.getImportClause()?.getNamedBindings();
    if (named.length === 0 || !brace) return { key, node };
    const units = keyed(named.map((s) => ({ key: s.getName(), node: s })));
    return { key, node, inner: { kind: "specifiers", units, openEnd: brace.getStart() + 1 } };
  }
  if (Node.isClassDeclaration(node)) {
    const members = node.getMembers();
    const open = node.getFirstChildByKind(SyntaxKind.OpenBraceToken);
    return {
      key: `class ${node.getName() ?? ""}`,
      node,
      inner: { kind: "members", units: keyed(members.map(memberOf)), openEnd: open?.getEnd() ?? 0 },
    };
  }
  if (Node.isFunctionDeclaration(node)) {
    return { key: `function ${node.getName() ?? ""}`, node, ...bodyOf(node.getBody()) };
  }
  if (Node.isVariableStatement(node)) {
    const names = node.getDeclarations().map((d) => d.getName());
    return { key: `const ${names.join(",")}`, node };
  }
  if (Node.isInterfaceDeclaration(node) || Node.isTypeAliasDeclaration(node)) {
    return { key: `type ${node.getName()}`, node };
  }
  if (Node.isExpressionStatement(node)) {
    const call = node.getExpression();
    if (Node.isCallExpression(call)) {
      const [first] = call.getArguments();
      const label =
        first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first))
          ? first.getLiteralText()
          : undefined;
      if (label !== undefined) {
        const callback = call.getArguments().at(-1);
        const body =
          callback && (Node.isArrowFunction(callback) || Node.isFunctionExpression(callback))
            ? callback.getBody()
            : undefined;
        return {
          key: `call ${squash(call.getExpression().getText())}(${label})`,
          node,
          ...bodyOf(body),
        };
      }
    }
  }
  return { key: `text ${squash(node.getText())}`, node };
}

function memberOf(node: Node): Unit {
  if (Node.isMethodDeclaration(node)) {
    return {
      key: `member ${node.isStatic() ? "static " : ""}${node.getName()}`,
      node,
      ...bodyOf(node.getBody()),
    };
  }
  if (Node.isConstructorDeclaration(node))
    return { key: "constructor", node, ...bodyOf(node.getBody()) };
  if (
    Node.isPropertyDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  ) {
    const kind = Node.isGetAccessorDeclaration(node)
      ? "get "
      : Node.isSetAccessorDeclaration(node)
        ? "set "
        : "";
    return { key: `member ${node.isStatic() ? "static " : ""}${kind}${node.getName()}`, node };
  }
  return { key: `text ${squash(node.getText())}`, node };
}

function bodyOf(body: Node | undefined): { inner?: Container } {
  if (!body || !Node.isBlock(body)) return {};
  return { inner: statements(body.getStatements(), body.getStart() + 1) };
}

/** Every identifier a unit mentions, its own name included. */
export function identifiersOf(node: Node): Set<string> {
  const out = new Set<string>();
  if (Node.isIdentifier(node)) out.add(node.getText());
  node.forEachDescendant((d) => {
    if (Node.isIdentifier(d)) out.add(d.getText());
  });
  return out;
}

/** The unit at a key path (`["class Acme", "member invoke"]`), or undefined. */
export function findContainer(root: Container, path: readonly string[]): Container | undefined {
  let here: Container | undefined = root;
  for (const key of path) {
    here = here?.units.find((u) => u.key === key)?.inner;
    if (!here) return undefined;
  }
  return here;
}
