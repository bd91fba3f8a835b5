/**
 * verify: after writing, type-check the new integration and run its tests, then say it the way
 * engineers on the platform already report: build ok, N passed, M failing as expected (RED).
 */
import { runTests, type TestRunResult } from "./run-tests.js";
import { coveringConfig, type TypecheckResult, typecheck } from "./typecheck.js";

export interface Verification {
  build: TypecheckResult;
  tests: TestRunResult;
  /** Build ok, every plumbing test passing, transform tests only RED or green. */
  ok: boolean;
}

/** Both run at once; `report` hears each result as it lands (progress on a terminal, in plop). */
export async function verifyIntegration(
  dir: string,
  cwd: string,
  report: { build?: (r: TypecheckResult) => void; tests?: (r: TestRunResult) => void } = {},
  covering = coveringConfig,
): Promise<Verification> {
  const heard =
    <T>(hear: ((r: T) => void) | undefined) =>
    (r: T) => {
      hear?.(r);
      return r;
    };
  const [build, tests] = await Promise.all([
    typecheck(dir, covering).then(heard(report.build)),
    runTests(dir, cwd).then(heard(report.tests)),
  ]);
  return { build, tests, ok: build.ok && tests.ran && tests.unexpected.length === 0 };
}

export { classify } from "./run-tests.js";
