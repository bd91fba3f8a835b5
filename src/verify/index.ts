/**
 * verify: after writing, type-check the new integration and run its tests, then say it the way
 * engineers on the platform already report: build ok, N passed, M failing as expected (RED).
 */
import { runTests, type TestRunResult } from "./run-tests.js";
import { type TypecheckResult, typecheck } from "./typecheck.js";

export interface Verification {
  build: TypecheckResult;
  tests: TestRunResult;
  /** Build ok, every plumbing test passing, transform tests only RED or green. */
  ok: boolean;
}

export async function verifyIntegration(dir: string, cwd: string): Promise<Verification> {
  const [build, tests] = await Promise.all([typecheck(dir), runTests(dir, cwd)]);
  return { build, tests, ok: build.ok && tests.ran && tests.unexpected.length === 0 };
}

export { classify } from "./run-tests.js";
