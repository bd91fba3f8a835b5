import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { generate } from "../../src/generate/index.js";
import { lint } from "../../src/lint/index.js";
import { fixtureSpec, scratchDir } from "../helpers/scratch.js";

/**
 * Generates with the default selection into a scratch folder inside the repo, verifies (tsc and
 * the generated tests), and checks the result the way the issue states it.
 */
export async function generateAndCheck(spec: string, name: string) {
  const out = scratchDir(`gen-${name}`);
  const result = await generate({ spec: fixtureSpec(spec), name, out, cwd: out, force: true });
  const v = result.verification!;
  expect(v.build.output, `tsc on ${spec}`).toBe("");
  expect(v.build.ok).toBe(true);
  expect(v.tests.ran, v.tests.output).toBe(true);
  // Plumbing passes; only the transform tests fail, and only with NotImplementedError.
  expect(v.tests.unexpected, `unexpected failures for ${spec}`).toEqual([]);
  expect(v.tests.red).toBe(result.model.operations.length);
  expect(v.tests.passed).toBeGreaterThanOrEqual(7);
  // The platform's structural rules hold for what capkit writes.
  const linted = await lint({ cwd: out, paths: ["."] });
  expect(linted.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.message}`)).toEqual([]);
  for (const file of readdirSync(out).filter((f) => f.endsWith(".ts"))) {
    const lines = readFileSync(join(out, file), "utf8").split("\n").length;
    expect(lines, `${spec}: ${file}`).toBeLessThan(400);
  }
  return result;
}
