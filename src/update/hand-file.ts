/**
 * One hand-owned file through `capkit update`:
 * 1. capkit's changes to the operations the integration already had (a new template, a parameter
 *    that became required) are merged three-way — merge base → new generation, onto yours — with
 *    the code of operations that left the spec taken out of the base first (see merge-base.ts),
 *    so that it stays in yours;
 * 2. the new operations are inserted through the syntax tree (see insert.ts).
 * Without a usable merge base (older manifests) only step 2 runs, and a note says so.
 */
import type { insertAdditions } from "./insert.js";
import { conflictLines, mergeFile } from "./merge.js";

export interface HandFileInput {
  path: string;
  /** The engineer's file; undefined when it was deleted (it is then written afresh). */
  ours: string | undefined;
  /** What capkit last generated for it, as stored; undefined for older manifests. */
  base: string | undefined;
  /** The base the merge uses (without removed operations); undefined: do not merge. */
  mergeBase: string | undefined;
  /** Why there is no merge base, when there is none. */
  baseNote?: string;
  /** Some operation of the integration left the spec. */
  removed: boolean;
  /** The new generation with the operations the integration had (those still in the spec). */
  common: string;
  /** The new generation with the added operations too: the next merge base. */
  next: string;
  labels: { ours: string; base: string; theirs: string };
}

export interface HandFileResult {
  path: string;
  content: string;
  /** 1-based lines of the conflict markers left in `content`. */
  conflicts: number[];
  inserted: string[];
  notes: string[];
}

/** `insert` is passed in (loaded only when there are operations to add: it loads ts-morph). */
export function updateHandFile(
  input: HandFileInput,
  insert?: typeof insertAdditions,
): HandFileResult {
  const { path, ours, base, mergeBase, common, next, labels } = input;
  const result = (content: string, inserted: string[] = [], notes: string[] = []) => ({
    path,
    content,
    conflicts: conflictLines(content),
    inserted,
    notes,
  });
  if (ours === undefined) return result(next, [], [`${path} was missing: written afresh`]);
  if (ours === base && !input.removed) return result(next);
  const notes: string[] = [];
  let merged = ours;
  if (mergeBase === undefined) notes.push(`${path}: ${input.baseNote ?? "no merge base"}`);
  else merged = mergeFile(ours, mergeBase, common, labels).text;
  if (common === next || !insert) return result(merged, [], notes);
  const added = insert(merged, common, next, { ours: labels.ours, theirs: labels.theirs });
  for (const unit of added.unplaced)
    notes.push(
      `${path}: could not place ${unit} (you renamed or removed where it goes); add it by hand`,
    );
  return result(added.text, added.inserted, notes);
}
