/**
 * Text edits at positions found in a syntax tree, applied back to front so earlier positions stay
 * valid. Text outside an edit's range is never touched: that is how the engineer's code stays
 * byte-identical while capkit adds to it.
 */
export interface Edit {
  /** Start of the replaced range (equal to `end` for an insertion). */
  at: number;
  end: number;
  text: string;
  /** Order among edits at the same place: a lower one ends up first. */
  seq: number;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const ordered = [...edits].sort((a, b) => b.at - a.at || b.seq - a.seq);
  let out = text;
  for (const edit of ordered) out = out.slice(0, edit.at) + edit.text + out.slice(edit.end);
  return out;
}

/** The start of the line holding `pos`. */
export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}
