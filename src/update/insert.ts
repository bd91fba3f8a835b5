/**
 * New operations into a hand-owned file, through its syntax tree. The two generations capkit can
 * make — with the operations the integration had (`before`) and with the new ones too (`after`) —
 * are lined up unit by unit; every unit only `after` has (a loop in `invoke()`, a transform, a test,
 * an import specifier) is inserted into the engineer's file beside the unit that precedes it in
 * `after`. Nothing is hard-coded about what a template writes, so template changes flow through.
 * A named unit the new operations change (`const CONFIG`) is replaced when the engineer left it as
 * capkit wrote it, and put between conflict markers when not.
 */
import { Node } from "ts-morph";
import { applyEdits, type Edit, lineStart } from "./edits.js";
import { neededImports, newImports, type Source } from "./needed-imports.js";
import { type Container, fileUnits, parse, type Unit } from "./units.js";

export interface Insertion {
  text: string;
  /** What was added, as unit keys: `function toAssetAsset`, `import ./x.js › toAssetAsset`. */
  inserted: string[];
  /** Units that changed where the engineer changed them too (now between conflict markers). */
  conflicts: string[];
  /** Units that had no place in the engineer's file (its container was renamed or removed). */
  unplaced: string[];
}

export interface ConflictLabels {
  ours: string;
  theirs: string;
}

export function insertAdditions(
  target: string,
  before: string,
  after: string,
  labels: ConflictLabels,
): Insertion {
  const result: Insertion = { text: target, inserted: [], conflicts: [], unplaced: [] };
  if (before === after) return result;
  const targetFile = parse(target, "target.ts");
  const beforeUnits = fileUnits(parse(before, "before.ts"));
  const afterFile = parse(after, "after.ts");
  const edits: Edit[] = [];
  const insertedNodes: Node[] = [];
  const insertedNames = new Set<string>();
  const ownLine: Source[] = [];
  const walk = (prev: Container, next: Container, into: Container | undefined, path: string[]) => {
    next.units.forEach((unit, index) => {
      const name = [...path, unit.key].join(" › ");
      const old = prev.units.find((u) => u.key === unit.key);
      const mine = into?.units.find((u) => u.key === unit.key);
      if (!old) {
        if (mine) return; // the engineer added it already
        if (!into) {
          result.unplaced.push(name);
          return;
        }
        edits.push({
          ...placement(unit, next, index, into, afterFile.getFullText()),
          seq: edits.length,
        });
        result.inserted.push(name);
        if (into.kind === "specifiers") insertedNames.add(unit.key);
        else insertedNodes.push(unit.node);
        return;
      }
      if (old.inner && unit.inner) {
        // an import the engineer rewrote is left alone: its new names get a line of their own
        if (
          unit.inner.kind === "specifiers" &&
          mine &&
          mine.node.getText() !== old.node.getText()
        ) {
          const fresh = unit.inner.units.filter(
            (u) =>
              !old.inner?.units.some((o) => o.key === u.key) &&
              !mine.inner?.units.some((m) => m.key === u.key),
          );
          for (const u of fresh) {
            ownLine.push(sourceOf(unit.node, u.node));
            insertedNames.add(u.key);
            result.inserted.push(`${name} › ${u.key}`);
          }
          return;
        }
        walk(old.inner, unit.inner, mine?.inner, [...path, unit.key]);
        return;
      }
      if (unit.key.startsWith("text ") || old.node.getText() === unit.node.getText()) return;
      if (mine?.node.getText() === unit.node.getText()) return; // already as the new generation has it
      if (!mine) {
        result.unplaced.push(name);
        return;
      }
      edits.push({ ...changed(mine, old, unit, target, labels), seq: edits.length });
      if (mine.node.getText() !== old.node.getText()) result.conflicts.push(name);
    });
  };
  walk(beforeUnits, fileUnits(afterFile), fileUnits(targetFile), []);
  const imports = neededImports(targetFile, afterFile, insertedNodes, insertedNames);
  result.inserted.push(...imports.added);
  const lines = newImports(targetFile, [...ownLine, ...imports.sources], edits.length);
  result.text = applyEdits(target, [...edits, ...lines]);
  return result;
}

/** A named unit the new operations change: replaced if untouched, else both between markers. */
function changed(
  mine: Unit,
  old: Unit,
  unit: Unit,
  target: string,
  labels: ConflictLabels,
): Omit<Edit, "seq"> {
  const start = mine.node.getStart();
  if (mine.node.getText() === old.node.getText())
    return { at: start, end: mine.node.getEnd(), text: unit.node.getText() };
  const from = lineStart(target, start);
  const indent = target.slice(from, start);
  return {
    at: from,
    end: mine.node.getEnd(),
    text: `<<<<<<< ${labels.ours}\n${target.slice(from, mine.node.getEnd())}\n=======\n${indent}${unit.node.getText()}\n>>>>>>> ${labels.theirs}`,
  };
}

/** Where a new unit goes in the engineer's container, and with what separator. */
function placement(
  unit: Unit,
  siblings: Container,
  index: number,
  into: Container,
  afterText: string,
): Omit<Edit, "seq"> {
  const find = (key: string) => into.units.find((u) => u.key === key);
  const own = into.kind === "specifiers" ? unit.node.getText() : withTrivia(unit.node, afterText);
  for (let i = index - 1; i >= 0; i--) {
    const anchor = find(siblings.units[i]?.key ?? "");
    if (anchor) {
      const end = anchor.node.getEnd();
      return { at: end, end, text: into.kind === "specifiers" ? `${separator(into)}${own}` : own };
    }
  }
  for (let i = index + 1; i < siblings.units.length; i++) {
    const anchor = find(siblings.units[i]?.key ?? "");
    if (anchor) {
      const at = into.kind === "specifiers" ? anchor.node.getStart() : anchor.node.getFullStart();
      return { at, end: at, text: into.kind === "specifiers" ? `${own}${separator(into)}` : own };
    }
  }
  return {
    at: into.openEnd,
    end: into.openEnd,
    text: into.kind === "specifiers" ? ` ${own},` : own,
  };
}

/** `, ` in `{ a, b }`; `,\n  ` in an import written one specifier per line. */
function separator(into: Container): string {
  const [first, second] = into.units;
  if (!first) return ", ";
  const text = first.node.getSourceFile().getFullText();
  const between = second
    ? text.slice(first.node.getEnd(), second.node.getStart())
    : text.slice(into.openEnd, first.node.getStart());
  const newline = between.lastIndexOf("\n");
  return newline === -1 ? ", " : `,${between.slice(newline)}`;
}

/**
 * The unit with the blank lines and comments that lead it in the new generation (a transform's
 * JSDoc), but never the file's header comment, which leads its first statement.
 */
function withTrivia(node: Node, text: string): string {
  const start = node.getStart(true);
  const isFirst = node.getPos() === 0;
  const lead = isFirst ? "\n" : text.slice(node.getPos(), start).replace(/^[^\n]*(?=\n)/, "");
  return `${lead}${text.slice(start, node.getEnd())}`;
}

function sourceOf(decl: Node, specifier: Node): Source {
  return {
    module: Node.isImportDeclaration(decl) ? decl.getModuleSpecifierValue() : "",
    typeOnly: Node.isImportDeclaration(decl) && decl.isTypeOnly(),
    text: specifier.getText(),
  };
}
