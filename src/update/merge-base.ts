/**
 * The merge base of each hand-owned file: the text capkit last generated for it, minus the code
 * of the operations that left the spec — by structure (the difference of two generations from the
 * recorded spec, remove.ts) and by name (strip.ts, for what a changed template hides) — then
 * formatted as the generator formats, so the base reads as the generation it stands for.
 */
import type { EmittedFile } from "../emit/context.js";
import { readBase } from "./base-store.js";
import type { HandGenerations } from "./generations.js";
import { formatTogether } from "./generations.js";

export interface MergeBase {
  stored: string | undefined;
  merge: string | undefined;
  note?: string;
}

export interface OperationNames {
  gone: ReadonlySet<string>;
  kept: ReadonlySet<string>;
}

export async function mergeBases(
  dir: string,
  files: readonly string[],
  gens: HandGenerations,
  removed: boolean,
  names: OperationNames | undefined,
): Promise<Map<string, MergeBase>> {
  const out = new Map<string, MergeBase>();
  // the syntax-tree passes (and ts-morph) load only when an operation left the spec
  const { removeUnits } = removed ? await import("./remove.js") : { removeUnits: undefined };
  const { stripOperations } = removed ? await import("./strip.js") : { stripOperations: undefined };
  const adjusted: EmittedFile[] = [];
  for (const path of files) {
    const stored = readBase(dir, path);
    if (stored === undefined) {
      out.set(path, {
        stored,
        merge: undefined,
        note: "no stored merge base (generated before capkit kept one), so only new operations were added; compare with `capkit generate --dry-run` for template changes",
      });
      continue;
    }
    if (!removed) {
      out.set(path, { stored, merge: stored });
      continue;
    }
    const withGone = gens.withGone?.find((f) => f.path === path)?.content;
    const withoutGone = gens.withoutGone?.find((f) => f.path === path)?.content;
    if (withGone === undefined && names === undefined) {
      out.set(path, {
        stored,
        merge: undefined,
        note: "an operation left the spec and the manifest cannot say which code is its, so template changes were not merged (only new operations were added)",
      });
      continue;
    }
    let base = stored;
    if (removeUnits && withGone !== undefined && withoutGone !== undefined)
      base = removeUnits(base, withGone, withoutGone);
    if (stripOperations && names) base = stripOperations(base, names.gone, names.kept);
    adjusted.push({ path, content: base, owner: "hand" });
    out.set(path, { stored, merge: base });
  }
  const formatted = (await formatTogether({ bases: adjusted })).bases ?? [];
  for (const f of formatted) {
    const entry = out.get(f.path);
    if (entry) entry.merge = f.content;
  }
  return out;
}
