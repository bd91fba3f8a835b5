/**
 * A corpus run: generate an integration for every document (in parallel, each bounded in time),
 * then check them all — line budget, lint, one type-check, one test run — and classify each
 * document as `ok`, `rejected` (a clear capkit error) or `broken` (anything else).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { mapConcurrent } from "@capkit/runtime";
import { lint } from "../lint/index.js";
import { validateServiceName } from "../model/names.js";
import { VERSION } from "../version.js";
import { testAll, typecheckAll } from "./batch-checks.js";
import { eslintAll } from "./eslint-check.js";
import { findDocuments, sample, serviceNames } from "./find.js";
import { type GenerateOutcome, generateOne } from "./generate-one.js";
import type { CorpusReport, DocumentResult } from "./types.js";

export interface CorpusOptions {
  folder: string;
  /** Where the integrations are generated; inside a project that has capkit, vitest and msw. */
  scratch: string;
  bin: string;
  sample?: number;
  seed?: number;
  jobs?: number;
  timeoutMs?: number;
  onProgress?: (message: string) => void;
}

const LINE_LIMIT = 400;

function lineCounts(dir: string): number[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(dir, f), "utf8").split("\n").length - 1);
}

export async function runCorpus(options: CorpusOptions): Promise<CorpusReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const jobs = options.jobs ?? 2;
  const all = findDocuments(options.folder);
  const docs = sample(all, options.sample, options.seed ?? 1);
  const names = serviceNames(docs, options.folder).map((n) =>
    validateServiceName(n) ? `spec-${n}`.slice(0, 40) : n,
  );
  rmSync(options.scratch, { recursive: true, force: true });
  mkdirSync(options.scratch, { recursive: true });
  progress(`${docs.length} of ${all.length} documents, ${jobs} at a time`);

  let done = 0;
  const outcomes: GenerateOutcome[] = await mapConcurrent(docs, jobs, async (doc, i) => {
    const outcome = await generateOne(
      options.bin,
      doc,
      names[i]!,
      join(options.scratch, names[i]!),
      options.timeoutMs ?? 120_000,
    );
    progress(`[${++done}/${docs.length}] ${relative(options.folder, doc)}: ${outcome.kind}`);
    return outcome;
  });
  const generateMs = performance.now() - started;

  const written = names.filter((_n, i) => outcomes[i]!.kind === "written");
  let t = performance.now();
  const lintFindings = new Map<string, string[]>();
  for (const name of written) {
    const result = await lint({ cwd: join(options.scratch, name), paths: ["."] });
    lintFindings.set(
      name,
      result.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}: ${d.message}`),
    );
  }
  const lintMs = performance.now() - t;
  progress(`type-checking ${written.length} integrations together`);
  t = performance.now();
  const typeErrors = await typecheckAll(options.scratch, written);
  const typecheckMs = performance.now() - t;
  progress("typescript-eslint recommended + strict over them");
  t = performance.now();
  const eslint = await eslintAll(options.scratch, written);
  if (eslint.skipped) progress(`typescript-eslint check skipped: ${eslint.skipped}`);
  const eslintMs = performance.now() - t;
  progress("running their tests");
  t = performance.now();
  const tests = await testAll(options.scratch, jobs);
  const testsMs = performance.now() - t;

  const documents: DocumentResult[] = docs.map((doc, i) => {
    const name = names[i]!;
    const outcome = outcomes[i]!;
    const base = {
      path: relative(options.folder, doc),
      service: name,
      operations: 0,
      files: 0,
      maxLines: 0,
      testsPassed: 0,
      testsRed: 0,
      generateMs: Math.round(outcome.ms),
    };
    if (outcome.kind === "rejected")
      return { ...base, status: "rejected", reasons: [outcome.message] };
    if (outcome.kind === "broken") return { ...base, status: "broken", reasons: [outcome.reason] };
    const lines = lineCounts(join(options.scratch, name));
    const run = tests.get(name);
    const reasons = [
      ...lines
        .filter((n) => n >= LINE_LIMIT)
        .map((n) => `a file of ${n} lines (limit ${LINE_LIMIT})`),
      ...(typeErrors.get(name) ?? []).slice(0, 5),
      ...(eslint.findings.get(name) ?? []).slice(0, 5),
      ...(lintFindings.get(name) ?? []).slice(0, 5),
      ...(run
        ? run.unexpected.map((u) => `test failed: ${u.name}: ${u.message ?? ""}`)
        : ["its tests did not run"]),
    ];
    return {
      ...base,
      status: reasons.length === 0 ? "ok" : "broken",
      reasons,
      operations: outcome.operations,
      files: lines.length,
      maxLines: Math.max(0, ...lines),
      testsPassed: run?.passed ?? 0,
      testsRed: run?.red ?? 0,
    };
  });
  const totals = { documents: documents.length, ok: 0, rejected: 0, broken: 0 };
  for (const d of documents) totals[d.status]++;
  return {
    folder: options.folder,
    capkit: VERSION,
    node: process.version,
    documents,
    totals,
    timings: {
      generateMs: Math.round(generateMs),
      typecheckMs: Math.round(typecheckMs),
      lintMs: Math.round(lintMs),
      eslintMs: Math.round(eslintMs),
      testsMs: Math.round(testsMs),
      totalMs: Math.round(performance.now() - started),
    },
  };
}
