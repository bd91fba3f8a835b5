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

/**
 * Lines `text` will take once Biome has formatted it at width 100: a longer line is broken into
 * at least three (opening, body, closing), or one per item of a list it holds.
 */
export function formattedLineCount(text: string): number {
  if (text.length === 0) return 0;
  let lines = 0;
  for (const line of text.split("\n")) {
    lines += line.length <= 100 ? 1 : Math.max(3, commas(line) + 2);
  }
  return lines;
}

function commas(line: string): number {
  let count = 0;
  for (let i = line.indexOf(","); i !== -1; i = line.indexOf(",", i + 1)) count++;
  return count;
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
