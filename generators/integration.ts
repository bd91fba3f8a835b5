/**
 * The plop generator `integration`: prompts only, over the same `generate()` as `capkit generate`.
 * Heavy modules load lazily so the first prompt appears at once.
 */
import { relative } from "node:path";
import type {
  CustomActionConfig,
  NodePlopAPI,
  PlopGeneratorConfig,
  PromptQuestion,
} from "node-plop";
import { parsePairs, RECORD_KINDS } from "../src/generate/answers.js";
import { exampleSpecPath } from "../src/generate/example.js";
import { validateServiceName } from "../src/model/names.js";
import type { RecordKind } from "../src/model/types.js";
import type { LoadedSpec, OperationSummary } from "../src/openapi/index.js";
import { generateReceiverFrom, type Kind, kindOf, kindPrompts } from "./receiver-prompts.js";
import { SearchCheckboxPrompt, type SearchChoice } from "./search-checkbox.js";
import { SkippableInput, SkippableList } from "./skip-prompts.js";

type Answers = {
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
};

const AUTH_KINDS = ["bearer", "apiKey", "basic", "oauth2ClientCredentials", "none"];

/** Holds the loaded spec between prompts, so it is read once. */
class SpecSession {
  source = "";
  loaded: LoadedSpec | undefined;
  operations: OperationSummary[] = [];
  webhooks: import("../src/openapi/select-webhooks.js").WebhookSummary[] = [];
  signature: string | undefined;

  async load(source: string): Promise<void> {
    if (this.loaded && source === this.source) return;
    const { loadSpec, listOperations } = await import("../src/openapi/index.js");
    const { listWebhooks } = await import("../src/openapi/select-webhooks.js");
    const { detectSignature } = await import("../src/openapi/signature-preset.js");
    this.loaded = await loadSpec(source, {
      ...(process.env.CAPKIT_SPEC_HEADER ? { header: process.env.CAPKIT_SPEC_HEADER } : {}),
    });
    this.source = source;
    this.operations = listOperations(this.loaded);
    this.webhooks = listWebhooks(this.loaded);
    this.signature = this.webhooks.length > 0 ? detectSignature(this.loaded.document) : undefined;
    this.#buildModel = (await import("../src/model/index.js")).buildModel;
    this.#styles.clear();
  }

  find(id: string): OperationSummary | undefined {
    return this.operations.find((op) => op.operationId === id);
  }

  #styles = new Map<string, string>();
  #buildModel: typeof import("../src/model/index.js").buildModel | undefined;

  /** Builds the model of a selection once, for the detected pagination of each operation. */
  probe(ids: string[]): void {
    if (!this.loaded || !this.#buildModel || ids.every((id) => this.#styles.has(id))) return;
    try {
      const model = this.#buildModel(this.loaded, { name: "probe", operations: ids });
      for (const op of model.operations) this.#styles.set(op.operationId, op.pagination.style);
    } catch {
      // an unknown id is reported by the operations prompt
    }
  }

  pagination(id: string): string {
    return this.#styles.get(id) ?? "none";
  }
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

/** inquirer wants `true` or a message; our checks return a message or nothing. */
const asValidation = (problem: string | undefined) => problem ?? true;

export function integrationGenerator(plop: NodePlopAPI): PlopGeneratorConfig {
  const session = new SpecSession();
  plop.setPrompt("capkit-checkbox", SearchCheckboxPrompt as never);
  plop.setPrompt("capkit-input", SkippableInput as never);
  plop.setPrompt("capkit-list", SkippableList as never);
  plop.setActionType("capkit-generate", async (raw) => {
    const answers = raw as unknown as Answers;
    if (kindOf(session, answers) === "receiver") return generateReceiverFrom(session, answers);
    const [{ generate }, { formatReport }] = await Promise.all([
      import("../src/generate/index.js"),
      import("../src/cli/generate-report.js"),
    ]);
    const recordKinds = parsePairs(
      answers.kinds,
      answers.operations,
      () => RECORD_KINDS,
      "record kind",
    );
    const pagination = parsePairs(
      answers.pagination ?? "",
      answers.operations,
      (id) => ["none", session.pagination(id)],
      "pagination",
    );
    const result = await generate({
      spec: answers.spec,
      name: answers.name,
      operations: answers.operations,
      out: answers.out,
      ...(session.loaded && session.source === answers.spec ? { loaded: session.loaded } : {}),
      ...(typeof recordKinds === "object"
        ? { recordKinds: recordKinds as Record<string, RecordKind> }
        : {}),
      ...(typeof pagination === "object" ? { pagination } : {}),
      ...(answers.auth ? { auth: answers.auth as never } : {}),
      ...(answers.validation ? { validation: answers.validation } : {}),
    });
    const report = formatReport(result, process.cwd());
    if (result.verification && !result.verification.ok) throw new Error(report);
    return report;
  });
  const action: CustomActionConfig<"capkit-generate"> = { type: "capkit-generate" };
  const receiver = kindPrompts(session);
  const pull = (answers: Partial<Answers>) => kindOf(session, answers) === "pull";
  return {
    description: "Generate a platform integration from an OpenAPI document",
    prompts: [
      {
        type: "input",
        name: "name",
        message: "Service name (lower-case letters, digits and '-'):",
        // Enter through every prompt builds the bundled example.
        default: "vulnscan",
        validate: (value: string) => asValidation(validateServiceName(value)),
      },
      {
        type: "input",
        name: "spec",
        message: "OpenAPI document (path or URL; Enter for the bundled example):",
        // Shown relative when it can be: the bundled example is the default.
        default: () => displayPath(exampleSpecPath()),
        validate: async (value: string) => {
          try {
            await session.load(value);
            return true;
          } catch (error) {
            return error instanceof Error ? error.message : String(error);
          }
        },
      },
      receiver.kind,
      {
        type: "capkit-checkbox",
        name: "operations",
        skip: (answers: Partial<Answers>) => !pull(answers),
        message: "Operations (the likely asset and risk sources are selected):",
        choices: () => operationChoices(session),
        bypass: (value: string) =>
          value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        validate: async (value: string[]) => {
          if (value.length === 0) return "Select at least one operation.";
          return true;
        },
      },
      {
        type: "capkit-input",
        name: "kinds",
        skip: (answers: Partial<Answers>) => !pull(answers),
        message: `Record kind per operation (${RECORD_KINDS.join(", ")}):`,
        default: (answers: Partial<Answers>) =>
          (answers.operations ?? [])
            .map((id) => `${id}=${session.find(id)?.recordKind ?? "none"}`)
            .join(", "),
        validate: (value: string, answers?: Partial<Answers>) => {
          const ops = answers?.operations ?? value.split(",").map((p) => p.split("=")[0]!.trim());
          const parsed = parsePairs(value, ops, () => RECORD_KINDS, "record kind");
          return typeof parsed === "string" ? parsed : true;
        },
      },
      {
        type: "capkit-input",
        name: "pagination",
        skip: (answers: Partial<Answers>) => !pull(answers),
        message: "Pagination per operation (the detected style, or none to read one page):",
        default: (answers: Partial<Answers>) => {
          session.probe(answers.operations ?? []);
          return (answers.operations ?? [])
            .map((id) => `${id}=${session.pagination(id)}`)
            .join(", ");
        },
        validate: (value: string, answers?: Partial<Answers>) => {
          const ops = answers?.operations ?? value.split(",").map((p) => p.split("=")[0]!.trim());
          session.probe(ops);
          const parsed = parsePairs(
            value,
            ops,
            (id) => ["none", session.pagination(id)],
            "pagination",
          );
          return typeof parsed === "string" ? parsed : true;
        },
      },
      {
        type: "capkit-list",
        name: "auth",
        skip: (answers: Partial<Answers>) => !pull(answers),
        message: "Auth scheme (the spec's is first):",
        choices: () => authChoices(session),
        bypass: (value: string) => {
          if (!AUTH_KINDS.includes(value)) throw new Error(`use one of ${AUTH_KINDS.join(", ")}`);
          return value;
        },
      },
      {
        type: "capkit-input",
        name: "validation",
        skip: (answers: Partial<Answers>) => !pull(answers),
        message: "validateCredentials call (an operation id; Enter for the detected one):",
        default: "",
      },
      receiver.events,
      receiver.signature,
      {
        type: "input",
        name: "out",
        message: "Output folder:",
        default: (answers: Partial<Answers>) =>
          `integrations/${answers.name ?? "integration"}${pull(answers) ? "" : "-webhook"}`,
      },
    ] as unknown[] as PromptQuestion[],
    actions: [action],
  };
}

async function operationChoices(session: SpecSession): Promise<SearchChoice[]> {
  const choices: SearchChoice[] = [];
  for (const op of session.operations) {
    const summary = op.summary ? `  ${op.summary.replace(/\s+/g, " ").slice(0, 60)}` : "";
    choices.push({
      name: `${op.method.toUpperCase().padEnd(6)} ${op.path}${summary}`,
      value: op.operationId,
      checked: op.isDefault,
      group: op.tag,
    });
  }
  return choices;
}

async function authChoices(session: SpecSession) {
  const { buildModel } = await import("../src/model/index.js");
  const all = AUTH_KINDS;
  let detected = "bearer";
  if (session.loaded) {
    try {
      detected = buildModel(session.loaded, { name: "probe" }).auth.kind;
    } catch {
      // fall back to bearer, the platform default when a spec declares nothing
    }
  }
  return [detected, ...all.filter((kind) => kind !== detected)];
}
