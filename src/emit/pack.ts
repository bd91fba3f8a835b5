/**
 * Fits blocks of text into files under the line budget: the first file keeps what it can after its
 * fixed content, the rest go, in order, to overflow files. A block larger than a whole file still
 * gets a file of its own (and `capkit lint` will say so) rather than being cut mid-declaration.
 */
export interface Block<T> {
  item: T;
  lines: number;
}

export function lineCount(text: string): number {
  return text.length === 0 ? 0 : text.split("\n").length;
}

/** Returns the blocks grouped per file: index 0 is the main file. */
export function pack<T>(blocks: Block<T>[], budget: { first: number; overflow: number }): T[][] {
  const files: T[][] = [[]];
  let room = budget.first;
  for (const block of blocks) {
    const current = files[files.length - 1]!;
    if (block.lines <= room || (current.length === 0 && files.length > 1)) {
      current.push(block.item);
      room -= block.lines;
      continue;
    }
    files.push([block.item]);
    room = budget.overflow - block.lines;
  }
  return files;
}
