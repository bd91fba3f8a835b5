/**
 * The stages a generation goes through, said the same way by `capkit generate` on a terminal and by
 * the plop generator after the last answer: loading, generating, type-checking, testing — each with
 * its counts, so a 10-second wait is never a bare spinner.
 */
import { relative } from "node:path";
import type { IntegrationModel } from "../model/types.js";
import { indexOperations } from "../openapi/operations.js";
import type { LoadedSpec } from "../openapi/types.js";
import type { TestRunResult } from "../verify/run-tests.js";
import type { TypecheckResult } from "../verify/typecheck.js";

export type Stage = "load" | "generate" | "typecheck" | "test";

/** `start` opens a stage (a line ending in …), `done` and `failed` close it with a result. */
export interface StageEvent {
  stage: Stage;
  status: "start" | "done" | "failed";
  text: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const stageText = {
  loading: (source: string): StageEvent => ({
    stage: "load",
    status: "start",
    text: `loading ${source}`,
  }),
  loaded: (spec: LoadedSpec, selected: number): StageEvent => {
    const info = spec.document.info as { title?: unknown; version?: unknown };
    const total = indexOperations(spec.document).operations.length;
    return {
      stage: "load",
      status: "done",
      text: `loaded ${String(info.title ?? spec.source)} ${String(info.version ?? "")}`
        .trimEnd()
        .concat(`: ${plural(total, "operation")}, ${selected} selected`),
    };
  },
  generating: (model: IntegrationModel): StageEvent => ({
    stage: "generate",
    status: "start",
    text: `generating ${plural(model.operations.length, "operation")} (${model.auth.kind} auth)`,
  }),
  written: (files: { lines: number }[], outDir: string, cwd: string): StageEvent => ({
    stage: "generate",
    status: "done",
    text: `wrote ${plural(files.length, "file")} (${files.reduce((n, f) => n + f.lines, 0)} lines) to ${relative(cwd, outDir) || "."}`,
  }),
  verifying: (): StageEvent => ({
    stage: "typecheck",
    status: "start",
    text: "type-checking (tsc --noEmit) and testing (vitest)",
  }),
  /** Says which configuration judged the code: the project's tsconfig.json, or capkit's flags. */
  typechecked: (build: TypecheckResult, cwd = process.cwd()): StageEvent => {
    const how = build.config
      ? `tsc -p ${relative(cwd, build.config) || build.config}`
      : "tsc --noEmit, strict flags: no tsconfig.json covers the folder";
    return {
      stage: "typecheck",
      status: build.ok ? "done" : "failed",
      text: build.ok ? `build ok (${how})` : `build failed (${how}):\n${build.output}`,
    };
  },
  tested: (tests: TestRunResult): StageEvent => {
    if (!tests.ran) {
      return {
        stage: "test",
        status: "failed",
        text: `tests did not run: ${tests.output.split("\n")[0] ?? ""}`,
      };
    }
    const unexpected = tests.unexpected.map((t) => `\n    ✘ ${t.name}: ${t.message ?? ""}`);
    return {
      stage: "test",
      status: unexpected.length === 0 ? "done" : "failed",
      text: `${tests.passed} passed, ${tests.red} failing as expected (RED: NotImplementedError)${unexpected.length ? `, ${unexpected.length} failing unexpectedly${unexpected.join("")}` : ""}`,
    };
  },
};
