/**
 * The generator's actions, one per stage, so plop prints each as it ends — loaded, written,
 * type-checked, tested, with their counts — instead of one bare spinner for ten seconds. They share
 * one run: the type-check and the tests start together, and each is reported as it lands.
 */
import { resolve } from "node:path";
import type { NodePlopAPI } from "node-plop";
import { parsePairs, RECORD_KINDS } from "../src/generate/answers.js";
import type { CliOptions, GenerateResult } from "../src/generate/index.js";
import { type StageEvent, stageText } from "../src/generate/stages.js";
import type { AuthModel, RecordKind } from "../src/model/types.js";
import type { Verification } from "../src/verify/index.js";
import { generateReceiverFrom, type Kind, kindOf } from "./receiver-prompts.js";
import type { SpecSession } from "./spec-session.js";

export interface Answers {
  name: string;
  spec: string;
  operations: string[];
  kinds: string;
  pagination: string;
  auth: string;
  validation: string;
  out: string;
  kind?: Kind;
  events?: string[];
  signature?: string;
  /**
   * What `capkit generate` was given beyond the prompts (`--force`, `--dry-run`, `--no-verify`,
   * spec fetch limits…); plop's own runs carry none.
   */
  cli?: CliOptions;
}

/** A stage that failed: plop prints the message as the action's failure. */
function settle(event: StageEvent): string {
  if (event.status === "failed") throw new Error(event.text);
  return event.text;
}

class Run {
  result: GenerateResult | undefined;
  verifying:
    | { build: Promise<Verification["build"]>; tests: Promise<Verification["tests"]> }
    | undefined;

  constructor(
    readonly session: SpecSession,
    readonly answers: Answers,
  ) {}

  async generate(): Promise<string> {
    const { generate } = await import("../src/generate/index.js");
    const { answers, session } = this;
    const recordKinds = parsePairs(
      answers.kinds ?? "",
      answers.operations,
      () => RECORD_KINDS,
      "record kind",
    );
    const pagination = parsePairs(
      answers.pagination ?? "",
      answers.operations,
      (id) => ["none", session.pagination(answers.operations, id)],
      "pagination",
    );
    this.result = await generate({
      ...answers.cli,
      spec: answers.spec,
      name: answers.name,
      operations: answers.operations,
      out: answers.out,
      verify: false,
      ...(session.loaded && session.source === answers.spec ? { loaded: session.loaded } : {}),
      ...(typeof recordKinds === "object"
        ? { recordKinds: recordKinds as Record<string, RecordKind> }
        : {}),
      ...(typeof pagination === "object" ? { pagination } : {}),
      ...(answers.auth ? { auth: answers.auth as AuthModel["kind"] } : {}),
      ...(answers.validation ? { validation: answers.validation } : {}),
    });
    if (!this.result.written) {
      // a dry run: the same listing (lines, status, diffs) `capkit generate --dry-run` prints
      const { formatReport } = await import("../src/cli/generate-report.js");
      return formatReport(this.result, process.cwd());
    }
    return stageText.written(this.result.files, this.result.outDir, process.cwd()).text;
  }

  /** Starts both checks; resolves with the type-check's line. */
  async typecheck(): Promise<string> {
    const outDir = this.#outDir();
    const [{ typecheck }, { runTests }] = await Promise.all([
      import("../src/verify/typecheck.js"),
      import("../src/verify/run-tests.js"),
    ]);
    this.verifying = { build: typecheck(outDir), tests: runTests(outDir, process.cwd()) };
    return settle(stageText.typechecked(await this.verifying.build));
  }

  async test(): Promise<string> {
    if (!this.verifying) throw new Error("the tests did not start: the type-check did not run");
    return settle(stageText.tested(await this.verifying.tests));
  }

  async next(): Promise<string> {
    const { nextStep } = await import("../src/cli/generate-report.js");
    if (!this.result) throw new Error("nothing was generated");
    if (!this.result.written) return "dry run: nothing was written";
    return `Next step: ${nextStep(this.result, process.cwd())}`;
  }

  #outDir(): string {
    if (!this.result) throw new Error("nothing was generated");
    return resolve(this.result.outDir);
  }
}

/** Registers the stage actions and returns the generator's `actions` for one run. */
export function stageActions(plop: NodePlopAPI, session: SpecSession) {
  const runs = new WeakMap<object, Run>();
  const run = (answers: object): Run => {
    const found = runs.get(answers);
    if (found) return found;
    const created = new Run(session, answers as Answers);
    runs.set(answers, created);
    return created;
  };
  const stages: [string, (r: Run) => Promise<string>][] = [
    ["capkit-generate", (r) => r.generate()],
    ["capkit-typecheck", (r) => r.typecheck()],
    ["capkit-test", (r) => r.test()],
    ["capkit-next", (r) => r.next()],
  ];
  for (const [type, stage] of stages) {
    plop.setActionType(type, (answers) => stage(run(answers)));
  }
  // a receiver is generated and verified in one step, and reports as the pull kind's summary does
  plop.setActionType("capkit-receiver", (answers) =>
    generateReceiverFrom(session, answers as Answers),
  );
  return (raw?: object): (string | { type: string; abortOnFail?: boolean })[] => {
    const answers = (raw ?? {}) as Answers;
    if (kindOf(session, answers) === "receiver") return [{ type: "capkit-receiver" }];
    const loaded = session.loaded && session.source === answers.spec ? session.loaded : undefined;
    const count = answers.operations?.length ?? 0;
    // nothing on disk to check after a dry run, and --no-verify asks for no check
    const checks =
      answers.cli?.dryRun || answers.cli?.verify === false
        ? []
        : [
            stageText.verifying().text,
            // the tests still run and report when the type-check fails
            { type: "capkit-typecheck", abortOnFail: false },
            { type: "capkit-test" },
          ];
    // comments: plop prints them as the stage starts, the actions' results as it ends
    return [
      loaded
        ? stageText.loaded(loaded, count).text
        : stageText.loading(answers.spec ?? "the spec").text,
      `generating ${count} operation${count === 1 ? "" : "s"}`,
      { type: "capkit-generate" },
      ...checks,
      { type: "capkit-next" },
    ];
  };
}
