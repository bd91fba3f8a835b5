/**
 * The merge base without the operations that left the spec, by name: the second pass after
 * remove.ts, which catches what a changed template would hide from it. The new generation has no
 * code for them; the stored base and the engineer's file do. Taking that code out of the base
 * makes it something the engineer's side has and capkit's does not, so the three-way merge keeps
 * it: a removed operation is reported, never deleted.
 *
 * A unit goes when it mentions a gone operation's names (its client method, transform, record
 * type, sample…) and no remaining operation's; a unit that mentions both (the `invoke()` method,
 * the transforms' `describe`, an import) is entered and stripped inside.
 */
import { applyEdits, type Edit } from "./edits.js";
import { removal } from "./remove.js";
import { type Container, fileUnits, identifiersOf, parse } from "./units.js";

export function stripOperations(
  text: string,
  gone: ReadonlySet<string>,
  kept: ReadonlySet<string>,
): string {
  if (gone.size === 0) return text;
  const edits: Edit[] = [];
  const walk = (container: Container) => {
    container.units.forEach((unit, index) => {
      const ids = identifiersOf(unit.node);
      if (![...ids].some((id) => gone.has(id))) return;
      if ([...ids].some((id) => kept.has(id))) {
        if (unit.inner) walk(unit.inner);
        return;
      }
      edits.push({ ...removal(container, index), seq: edits.length });
    });
  };
  walk(fileUnits(parse(text, "base.ts")));
  return applyEdits(text, edits);
}
