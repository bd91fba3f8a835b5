import { describe, expect, it } from "vitest";
import { pack } from "../../src/emit/pack.js";

const blocks = (...sizes: number[]) => sizes.map((lines, i) => ({ item: i, lines }));

describe("pack", () => {
  it.each([
    ["everything fits the first file", blocks(10, 10), { first: 30, overflow: 30 }, [[0, 1]]],
    ["overflow starts a new file", blocks(20, 20, 20), { first: 30, overflow: 45 }, [[0], [1, 2]]],
    [
      "a block larger than a file gets its own",
      blocks(5, 100, 5),
      { first: 30, overflow: 30 },
      [[0], [1], [2]],
    ],
    ["order is kept", blocks(25, 5, 25), { first: 30, overflow: 30 }, [[0, 1], [2]]],
  ] as const)("%s", (_name, given, budget, want) => {
    expect(pack([...given], budget)).toEqual(want);
  });
});
