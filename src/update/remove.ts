/**
 * The inverse of insert.ts, for merge bases only: what one generation has and the next does not
 * (the code of an operation that left the spec — its loop, transform, test, import specifiers,
 * down to a `type Attribute` no other operation needs) is taken out of a stored base, and a named
 * unit the two generations write differently is rewritten where the base still has the first
 * one's text. Never applied to the engineer's file.
 */
import { applyEdits, type Edit } from "./edits.js";
import { type Container, fileUnits, parse } from "./units.js";

export function removeUnits(target: string, before: string, after: string): string {
  if (before === after) return target;
  const edits: Edit[] = [];
  const walk = (prev: Container, next: Container, into: Container | undefined) => {
    if (!into) return;
    prev.units.forEach((old) => {
      const index = into.units.findIndex((u) => u.key === old.key);
      const mine = into.units[index];
      if (!mine) return;
      const kept = next.units.find((u) => u.key === old.key);
      if (!kept) {
        edits.push({ ...removal(into, index), seq: edits.length });
        return;
      }
      if (old.inner && kept.inner) {
        walk(old.inner, kept.inner, mine.inner);
        return;
      }
      const text = mine.node.getText();
      if (
        !old.key.startsWith("text ") &&
        text === old.node.getText() &&
        text !== kept.node.getText()
      )
        edits.push({
          at: mine.node.getStart(),
          end: mine.node.getEnd(),
          text: kept.node.getText(),
          seq: edits.length,
        });
    });
  };
  walk(
    fileUnits(parse(before, "before.ts")),
    fileUnits(parse(after, "after.ts")),
    fileUnits(parse(target, "target.ts")),
  );
  return applyEdits(target, edits);
}

/** A statement with its leading comments; a specifier with the comma beside it. */
export function removal(container: Container, index: number): Omit<Edit, "seq"> {
  const node = container.units[index]!.node;
  if (container.kind !== "specifiers") return { at: node.getPos(), end: node.getEnd(), text: "" };
  const next = container.units[index + 1]?.node;
  if (next) return { at: node.getStart(), end: next.getStart(), text: "" };
  const previous = container.units[index - 1]?.node;
  return { at: previous ? previous.getEnd() : node.getStart(), end: node.getEnd(), text: "" };
}
