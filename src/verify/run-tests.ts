/**
 * Runs one integration's tests with vitest's JSON reporter and sorts the results: plumbing tests
 * must pass; transform tests must fail, and only with NotImplementedError (RED by design).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { packageFile, vitestBin } from "./tools.js";

export interface TestCase {
  name: string;
  status: "passed" | "failed" | "skipped";
  message?: string;
}

export interface TestRunResult {
  ran: boolean;
  passed: number;
  /** Transform tests failing with NotImplementedError. */
  red: number;
  /** Anything else that failed: a plumbing test, or a transform failing for another reason. */
  unexpected: TestCase[];
  /** Transform tests that pass: their mapping has been written. */
  green: number;
  output: string;
  command: string;
}

/** The part of vitest's JSON report capkit reads. */
export interface VitestJson {
  testResults?: {
    /** The test file's path. */
    name?: string;
    assertionResults?: {
      fullName?: string;
      title?: string;
      ancestorTitles?: string[];
      status?: string;
      failureMessages?: string[];
    }[];
    message?: string;
  }[];
}

// Suites titled "… (RED until …)": the transforms, invoke() and checkAffiliation, all RED by design.
const TRANSFORM_SUITE = /\(RED until\b/;

export function classify(report: VitestJson): Omit<TestRunResult, "ran" | "output" | "command"> {
  const result = { passed: 0, red: 0, green: 0, unexpected: [] as TestCase[] };
  for (const file of report.testResults ?? []) {
    if ((file.assertionResults ?? []).length === 0 && file.message) {
      result.unexpected.push({ name: "(test file)", status: "failed", message: file.message });
    }
    for (const test of file.assertionResults ?? []) {
      const name = test.fullName ?? test.title ?? "(unnamed)";
      const isTransform = (test.ancestorTitles ?? []).some((t) => TRANSFORM_SUITE.test(t));
      const message = (test.failureMessages ?? []).join("\n");
      if (test.status === "passed") {
        result.passed++;
        if (isTransform) result.green++;
      } else if (
        test.status === "failed" &&
        isTransform &&
        message.includes("NotImplementedError")
      ) {
        result.red++;
      } else if (test.status === "failed") {
        result.unexpected.push({ name, status: "failed", message: message.split("\n")[0] ?? "" });
      }
    }
  }
  return result;
}

export async function runTests(dir: string, cwd: string): Promise<TestRunResult> {
  const bin = vitestBin(dir);
  const command = `vitest run ${dir}`;
  if (!bin) {
    return {
      ran: false,
      passed: 0,
      red: 0,
      green: 0,
      unexpected: [],
      output: "vitest is not installed in this project",
      command,
    };
  }
  const scratch = mkdtempSync(join(tmpdir(), "capkit-verify-"));
  const outputFile = join(scratch, "report.json");
  try {
    const run = await execa(
      process.execPath,
      [
        bin,
        "run",
        "--root",
        dir,
        "--config",
        packageFile("templates/vitest.verify.config.mjs"),
        "--reporter=json",
        `--outputFile=${outputFile}`,
      ],
      {
        cwd,
        reject: false,
        all: true,
        // the folder, for the config to find the project that keeps the module cache
        env: { NODE_OPTIONS: "", CI: "1", CAPKIT_VERIFY_DIR: dir },
        timeout: 180_000,
      },
    );
    let report: VitestJson = {};
    try {
      report = JSON.parse(readFileSync(outputFile, "utf8")) as VitestJson;
    } catch {
      return {
        ran: false,
        passed: 0,
        red: 0,
        green: 0,
        unexpected: [{ name: "vitest", status: "failed", message: (run.all ?? "").slice(-2000) }],
        output: run.all ?? "",
        command,
      };
    }
    return { ran: true, ...classify(report), output: (run.all ?? "").trim(), command };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
