/**
 * The plop generator `integration`: prompts only, over the same `generate()` as `capkit generate`.
 * Heavy modules load lazily so the first prompt appears at once.
 */
import { relative, resolve } from "node:path";
import type { NodePlopAPI, PlopGeneratorConfig, PromptQuestion } from "node-plop";
import { parsePairs, RECORD_KINDS } from "../src/generate/answers.js";
import { exampleSpecPath } from "../src/generate/example.js";
import { assertProjectReady } from "../src/generate/preflight.js";
import { validateServiceName } from "../src/model/names.js";
import { type Answers, stageActions } from "./actions.js";
import { kindOf, kindPrompts } from "./receiver-prompts.js";
import {
  atLeastOne,
  commaList,
  SearchCheckboxPrompt,
  type SearchChoice,
} from "./search-checkbox.js";
import { SkippableInput, SkippableList } from "./skip-prompts.js";
import { SpecSession } from "./spec-session.js";

const AUTH_KINDS = ["bearer", "apiKey", "basic", "oauth2ClientCredentials", "none"];

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

/** inquirer wants `true` or a message; our checks return a message or nothing, or throw. */
function problem(check: () => string | undefined): string | true {
  try {
    return check() ?? true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A folder that already holds files is refused at the prompt that names it, not after the last. */
async function folderProblem(out: string): Promise<string | undefined> {
  const { checkOutputFolder } = await import("../src/generate/write.js");
  checkOutputFolder(resolve(out), false);
  return undefined;
}

const ids = (answers?: Partial<Answers>, value = "") =>
  answers?.operations ?? value.split(",").map((p) => p.split("=")[0]!.trim());

export function integrationGenerator(plop: NodePlopAPI): PlopGeneratorConfig {
  const session = new SpecSession();
  plop.setPrompt("capkit-checkbox", SearchCheckboxPrompt as never);
  plop.setPrompt("capkit-input", SkippableInput as never);
  plop.setPrompt("capkit-list", SkippableList as never);
  return {
    description: "Generate a platform integration from an OpenAPI document",
    prompts: prompts(session),
    actions: stageActions(plop, session),
  };
}

/**
 * What the project lacks is said before the first answer: inquirer resolves the first prompt's
 * message just before showing it (a throw ends the run with the message, no stack), and a bypassed
 * first answer goes through its validate.
 */
function projectReady(): void {
  assertProjectReady(resolve("integrations"));
}

function prompts(session: SpecSession): PromptQuestion[] {
  const receiver = kindPrompts(session);
  // the pull questions answer themselves in a receiver run (see skip-prompts.ts)
  const notPull = (answers: Partial<Answers>) => kindOf(session, answers) !== "pull";
  return [
    {
      type: "input",
      name: "name",
      message: () => {
        projectReady();
        return "Service name (lower-case letters, digits and '-'):";
      },
      // Enter through every prompt builds the bundled example.
      default: "vulnscan",
      validate: async (value: string) => {
        const missing = problem(() => {
          projectReady();
          return undefined;
        });
        if (missing !== true) return missing;
        return validateServiceName(value) ?? true;
      },
    },
    {
      type: "input",
      name: "spec",
      message: "OpenAPI document (path or URL; Enter for the bundled example):",
      // Shown relative when it can be: the bundled example is the default.
      default: () => displayPath(exampleSpecPath()),
      validate: async (value: string, answers?: Partial<Answers>) => {
        try {
          await session.load(value);
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
        // once the kind is known, an occupied default folder is said now, not after the last answer
        const both = session.operations.length > 0 && session.webhooks.length > 0;
        if (both || !answers?.name) return true;
        const out = `integrations/${answers.name}${kindOf(session, {}) === "pull" ? "" : "-webhook"}`;
        return (await folderProblem(out).catch((e: Error) => e.message)) ?? true;
      },
    },
    receiver.kind,
    {
      type: "capkit-checkbox",
      name: "operations",
      skip: notPull,
      message: "Operations (the likely asset and risk sources are selected):",
      choices: () => operationChoices(session),
      bypass: commaList,
      validate: atLeastOne("operation"),
    },
    {
      type: "capkit-input",
      name: "kinds",
      skip: notPull,
      message: `Record kind per operation (${RECORD_KINDS.join(", ")}):`,
      default: (answers: Partial<Answers>) =>
        (answers.operations ?? [])
          .map((id) => `${id}=${session.find(id)?.recordKind ?? "none"}`)
          .join(", "),
      validate: (value: string, answers?: Partial<Answers>) => {
        const parsed = parsePairs(value, ids(answers, value), () => RECORD_KINDS, "record kind");
        return typeof parsed === "string" ? parsed : true;
      },
    },
    {
      type: "capkit-input",
      name: "pagination",
      skip: notPull,
      message: "Pagination per operation (the detected style, or none to read one page):",
      default: (answers: Partial<Answers>) => {
        const ops = answers.operations ?? [];
        return ops.map((id) => `${id}=${session.pagination(ops, id)}`).join(", ");
      },
      validate: (value: string, answers?: Partial<Answers>) => {
        const ops = ids(answers, value);
        const parsed = parsePairs(
          value,
          ops,
          (id) => ["none", session.pagination(ops, id)],
          "pagination",
        );
        return typeof parsed === "string" ? parsed : true;
      },
    },
    {
      type: "capkit-list",
      name: "auth",
      skip: notPull,
      message: "Auth scheme (the spec's is first):",
      choices: () => {
        const detected = session.auth();
        return [detected, ...AUTH_KINDS.filter((kind) => kind !== detected)];
      },
      bypass: (value: string) => {
        if (!AUTH_KINDS.includes(value)) throw new Error(`use one of ${AUTH_KINDS.join(", ")}`);
        return value;
      },
    },
    {
      type: "capkit-input",
      name: "validation",
      skip: notPull,
      message: (answers: Partial<Answers>) => {
        const detected = session.validation(answers.operations ?? []);
        return `validateCredentials call (an operation id; detected: ${detected?.reason ?? "none"}):`;
      },
      // The detected call, so Enter takes it and the prompt shows what Enter means.
      default: (answers: Partial<Answers>) =>
        session.validation(answers.operations ?? [])?.operationId ?? "",
      validate: (value: string, answers?: Partial<Answers>) =>
        problem(() => validationProblem(session, value, answers?.operations)),
    },
    receiver.events,
    receiver.signature,
    {
      type: "input",
      name: "out",
      message: "Output folder:",
      default: (answers: Partial<Answers>) =>
        `integrations/${answers.name ?? "integration"}${notPull(answers) ? "-webhook" : ""}`,
      validate: async (value: string) => {
        const where = problem(() => {
          assertProjectReady(resolve(value));
          return undefined;
        });
        if (where !== true) return where;
        return (await folderProblem(value).catch((e: Error) => e.message)) ?? true;
      },
    },
  ] as unknown[] as PromptQuestion[];
}

/** The credential check must be the detected call or one of the selected operations. */
function validationProblem(
  session: SpecSession,
  value: string,
  selected: string[] | undefined,
): string | undefined {
  const id = value.trim();
  if (id === "" || !selected) return undefined;
  const detected = session.validation(selected)?.operationId;
  if (id === detected || selected.includes(id)) return undefined;
  const known = session.find(id) ? "is not among the selected operations" : "is not in the spec";
  return `${JSON.stringify(id)} ${known}: use ${[
    detected,
    ...selected.filter((s) => s !== detected),
  ]
    .filter(Boolean)
    .join(", ")}.`;
}

async function operationChoices(session: SpecSession): Promise<SearchChoice[]> {
  return session.operations.map((op) => {
    const summary = op.summary ? `  ${op.summary.replace(/\s+/g, " ").slice(0, 60)}` : "";
    return {
      name: `${op.method.toUpperCase().padEnd(6)} ${op.path}${summary}`,
      value: op.operationId,
      checked: op.isDefault,
      group: op.tag,
    };
  });
}
