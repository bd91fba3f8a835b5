/**
 * The finished example (examples/vulnscan) is what an engineer copies: it compiles under the
 * strictest common flags in both module modes, as a user's `tsc --init` project would check it,
 * and typescript-eslint recommended + strict report nothing on it.
 */
import { describe, expect, it } from "vitest";
import { typecheckAll } from "../../src/corpus/batch-checks.js";
import { eslintAll } from "../../src/corpus/eslint-check.js";

const examples = new URL("../../examples/", import.meta.url).pathname;

describe("the example under the strict-flag matrix", { timeout: 120_000 }, () => {
  it("type-checks under nodenext and bundler with every strict flag", async () => {
    const errors = await typecheckAll(examples, ["vulnscan"]);
    expect(errors.get("vulnscan") ?? []).toEqual([]);
  });

  it("has no typescript-eslint finding", async () => {
    const { findings, skipped } = await eslintAll(examples, ["vulnscan"]);
    expect(skipped).toBeUndefined();
    expect(findings.get("vulnscan") ?? []).toEqual([]);
  });
});
