/**
 * `capkit generate`: the generator for scripts and CI, with the plop generator's answers as flags.
 * On a terminal, missing answers are asked for through the same plop generator.
 */
import type { Command } from "commander";
import { CapkitError } from "../errors.js";
import { parsePairs, RECORD_KINDS } from "../generate/answers.js";
import { exampleSpecPath } from "../generate/example.js";
import type { CliOptions, GenerateOptions } from "../generate/index.js";
import type { AuthModel, RecordKind } from "../model/types.js";
import { formatReport, printStage, toHandoff } from "./generate-report.js";
import { addSpecLimitOptions, type SpecLimitFlags, specLimits } from "./spec-limits.js";

const AUTH_KINDS: AuthModel["kind"][] = [
  "bearer",
  "apiKey",
  "basic",
  "oauth2ClientCredentials",
  "none",
];

export interface GenerateFlags extends SpecLimitFlags {
  spec?: string;
  name?: string;
  operations?: string;
  tags?: string;
  out?: string;
  auth?: string;
  kinds?: string;
  pagination?: string;
  validation?: string;
  force?: boolean;
  writeConflicts?: boolean;
  dryRun?: boolean;
  json?: boolean;
  yes?: boolean;
  verify?: boolean;
  specHeader?: string;
  allowRemoteRefs?: boolean;
  events?: string;
  signature?: string;
}

const list = (value: string | undefined) =>
  value
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** `id=value,…` for any operation id; generate() checks the ids against the selection. */
function pairs(
  text: string | undefined,
  allowed: string[],
  flag: string,
  what: string,
): Record<string, string> | undefined {
  if (!text) return undefined;
  const ids = text.split(",").map((p) => p.slice(0, p.lastIndexOf("=")).trim());
  const parsed = parsePairs(text, ids, () => allowed, what);
  if (typeof parsed === "string")
    throw new CapkitError("INVALID_FLAG", `${flag}: ${parsed}.`, { exitCode: 2 });
  return parsed;
}

/** Turns flags into generate() options, or says exactly which flags a non-interactive run lacks. */
export function optionsFromFlags(
  flags: GenerateFlags,
  interactive: boolean,
): GenerateOptions | string[] {
  if (flags.auth && !AUTH_KINDS.includes(flags.auth as AuthModel["kind"])) {
    throw new CapkitError(
      "INVALID_AUTH",
      `--auth ${JSON.stringify(flags.auth)} is not one of ${AUTH_KINDS.join(", ")}.`,
      { exitCode: 2 },
    );
  }
  const missing = [!flags.spec && "--spec <path|url>", !flags.name && "--name <service>"].filter(
    (m): m is string => typeof m === "string",
  );
  if (missing.length > 0 && !flags.yes) {
    if (interactive) return missing;
    throw new CapkitError(
      "MISSING_FLAGS",
      `capkit generate is not running on a terminal, so it cannot ask: pass ${missing.join(" and ")}, or --yes to accept the defaults (the bundled example spec, a name from the spec's title).`,
      { exitCode: 2 },
    );
  }
  const recordKinds = pairs(flags.kinds, RECORD_KINDS, "--kinds", "record kind");
  const pagination = pairs(flags.pagination, ["none"], "--pagination", "pagination override");
  const operations = list(flags.operations);
  const tags = list(flags.tags);
  return {
    ...cliOptions(flags),
    spec: flags.spec ?? exampleSpecPath(),
    ...(flags.name ? { name: flags.name } : {}),
    ...(operations ? { operations } : {}),
    ...(tags ? { tags } : {}),
    ...(flags.out ? { out: flags.out } : {}),
    ...(flags.auth ? { auth: flags.auth as AuthModel["kind"] } : {}),
    ...(recordKinds ? { recordKinds: recordKinds as Record<string, RecordKind> } : {}),
    ...(pagination ? { pagination } : {}),
    ...(flags.validation ? { validation: flags.validation } : {}),
  };
}

/**
 * The flags no prompt asks for, as `generate()` options: flag runs use them directly, terminal runs
 * hand them to the plop generator's generate action with the answers.
 */
export function cliOptions(flags: GenerateFlags): CliOptions {
  const specHeader = flags.specHeader ?? process.env.CAPKIT_SPEC_HEADER;
  const limits = specLimits(flags);
  return {
    force: flags.force === true,
    writeConflicts: flags.writeConflicts === true,
    dryRun: flags.dryRun === true,
    verify: flags.verify !== false,
    allowRemoteRefs: flags.allowRemoteRefs === true,
    ...(specHeader ? { specHeader } : {}),
    ...(limits.maxBytes ? { maxSpecBytes: limits.maxBytes } : {}),
    ...(limits.timeoutMs ? { timeoutMs: limits.timeoutMs } : {}),
  };
}

export function registerGenerate(program: Command): void {
  const command = program
    .command("generate")
    .description(
      "Generate an integration (main, client, types, transform, tests) from an OpenAPI document.",
    )
    .option(
      "-s, --spec <path|url>",
      "OpenAPI 3.x or Swagger 2.0 document, YAML or JSON (default with --yes: the bundled example)",
    )
    .option("-n, --name <service>", "service name: lower-case letters, digits and '-', e.g. acme")
    .option(
      "-o, --operations <ids>",
      'comma-separated operationIds or "GET /path" patterns (default: the list operations that look like asset or risk sources)',
    )
    .option("-t, --tags <tags>", "comma-separated tags: every operation under them")
    .option("--out <dir>", "output folder (default: integrations/<name>)")
    .option("--auth <kind>", `override the auth scheme: ${AUTH_KINDS.join(", ")}`)
    .option(
      "--kinds <id=kind,…>",
      `override the record kind of operations: ${RECORD_KINDS.join(", ")}`,
    )
    .option(
      "--pagination <id=none,…>",
      "read only the first page of these operations instead of the detected style",
    )
    .option(
      "--validation <operationId>",
      "the operation validateCredentials calls (default: /me, /user, /whoami… or the first list operation)",
    )
    // no -f: ESLint users read -f as the output format, and overwriting must be spelled out
    .option(
      "--force",
      "rewrite the generated files of an existing integration (hand-owned files you changed are kept)",
    )
    .option(
      "--write-conflicts",
      "with --force: write the new generation of each hand-owned file you changed as <file>.capkit-new",
    )
    .option("--dry-run", "list the files, their line counts and diffs; write nothing")
    .option(
      "--json",
      "print the result as JSON (status, summary, files_modified, verification, handoff)",
    )
    .option("-y, --yes", "accept every default without asking")
    .option("--no-verify", "skip the type-check and test run after writing")
    .option(
      "--spec-header <header>",
      'HTTP header for a private spec URL, e.g. "Authorization: Bearer …" (or CAPKIT_SPEC_HEADER)',
    )
    .option("--allow-remote-refs", "let the spec $ref documents on other hosts")
    .option(
      "-e, --events <ids>",
      'a webhook receiver instead of a pull integration: event ids, patterns ("code-scanning-alert/*") or tags',
    )
    .option(
      "--signature <scheme>",
      "receiver signature: github, stripe, slack, standard, okta or hmac-sha256:<header>[:hex|base64] (default: detected)",
    );
  addSpecLimitOptions(command)
    .addHelpText(
      "after",
      `
Examples:
  $ capkit generate --yes                                   # the bundled example spec
  $ capkit generate --spec ./openapi.yaml --name acme --operations listHosts,listFindings
  $ capkit generate --spec https://example.com/openapi.json --name acme --tags Vulnerabilities --dry-run
  $ capkit generate --spec webhooks.json --name github --events "code-scanning-alert/*" --signature github

Before the first prompt, capkit checks that the project holding the output folder has
@capkit/runtime, vitest and msw installed, and that the folder is free; it prints the install
command when something is missing.

Exit codes: 0 written and verified (transform tests RED by design), 1 verification failed or bad input, 2 usage.`,
    )
    .action(async (flags: GenerateFlags) => {
      const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !flags.json;
      if (flags.events || flags.signature) {
        const { runReceiver } = await import("./generate-receiver.js");
        process.exitCode = await runReceiver(flags);
        return;
      }
      const options = optionsFromFlags(flags, interactive);
      if (Array.isArray(options)) {
        const { runInteractive } = await import("./generate-prompts.js");
        process.exitCode = await runInteractive(flags);
        return;
      }
      // Loaded on use: `capkit lint` in a commit hook must not pay for the generator's imports.
      const { generate } = await import("../generate/index.js");
      const cwd = process.cwd();
      const showProgress = !flags.json && process.stderr.isTTY;
      const result = await generate({
        ...options,
        cwd,
        ...(showProgress ? { onProgress: printStage(process.stderr) } : {}),
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(toHandoff(result, cwd), null, 2)}\n`);
      else process.stdout.write(`${formatReport(result, cwd)}\n`);
      process.exitCode = result.verification && !result.verification.ok ? 1 : 0;
    });
}
