/**
 * Code inserted for a new operation may use a name the engineer's file no longer imports (a
 * completed transform file has dropped `NotImplementedError`; the new RED transform needs it).
 * The new generation says where each name comes from; the missing ones get an import line of
 * their own after the last import, so no line the engineer wrote changes by a character.
 */
import { Node, type SourceFile } from "ts-morph";
import type { Edit } from "./edits.js";
import { identifiersOf } from "./units.js";

export interface Source {
  module: string;
  typeOnly: boolean;
  /** The specifier as the generation writes it: `NotImplementedError`, `type Risk`. */
  text: string;
}

/** What `inserted` uses from `after`'s imports and `target` lacks. */
export function neededImports(
  target: SourceFile,
  after: SourceFile,
  inserted: readonly Node[],
  alsoInserted: ReadonlySet<string>,
): { sources: Source[]; added: string[] } {
  const sources = new Map<string, Source>();
  for (const decl of after.getImportDeclarations()) {
    for (const s of decl.getNamedImports()) {
      sources.set(s.getName(), {
        module: decl.getModuleSpecifierValue(),
        typeOnly: decl.isTypeOnly(),
        text: s.getText(),
      });
    }
  }
  const known = new Set([...knownNames(target), ...alsoInserted]);
  const missing = new Map<string, Source>();
  for (const node of inserted) {
    for (const id of identifiersOf(node)) {
      const source = sources.get(id);
      if (source && !known.has(id)) missing.set(id, source);
    }
  }
  const added = [...missing].map(([name, source]) => `import ${source.module} › ${name}`);
  return { sources: [...missing.values()], added };
}

function knownNames(file: SourceFile): Set<string> {
  const out = new Set<string>();
  for (const decl of file.getImportDeclarations()) {
    for (const s of decl.getNamedImports()) out.add(s.getAliasNode()?.getText() ?? s.getName());
    const def = decl.getDefaultImport();
    if (def) out.add(def.getText());
    const ns = decl.getNamespaceImport();
    if (ns) out.add(ns.getText());
  }
  for (const statement of file.getStatements()) {
    if (Node.isVariableStatement(statement))
      for (const d of statement.getDeclarations()) out.add(d.getName());
    else if (
      Node.isFunctionDeclaration(statement) ||
      Node.isClassDeclaration(statement) ||
      Node.isInterfaceDeclaration(statement) ||
      Node.isTypeAliasDeclaration(statement) ||
      Node.isEnumDeclaration(statement)
    ) {
      const name = statement.getName();
      if (name) out.add(name);
    }
  }
  return out;
}

/** One import line per module (and type-only-ness), after the file's last import. */
export function newImports(target: SourceFile, sources: readonly Source[], seq: number): Edit[] {
  const byModule = new Map<string, Source[]>();
  for (const source of sources) {
    const key = `${source.typeOnly}:${source.module}`;
    byModule.set(key, [...(byModule.get(key) ?? []), source]);
  }
  return [...byModule.values()].map((list, i) => ({ ...newImport(target, list), seq: seq + i }));
}

function newImport(target: SourceFile, list: Source[]): Omit<Edit, "seq"> {
  const [first] = list;
  const names = list.map((s) => s.text).join(", ");
  const line = `import ${first?.typeOnly ? "type " : ""}{ ${names} } from ${JSON.stringify(first?.module ?? "")};`;
  const at = target.getImportDeclarations().at(-1)?.getEnd() ?? 0;
  return { at, end: at, text: at === 0 ? `${line}\n` : `\n${line}` };
}
