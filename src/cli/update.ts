/**
 * `capkit update [dir]`: a new version of the vendor's spec into an integration, and with
 * `--check` the drift check CI runs nightly (exit 0 unchanged, 1 breaking, 3 non-breaking).
 */
import { appendFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { CapkitError, isCapkitError } from "../errors.js";

interface UpdateFlags {
  spec?: string;
  check?: boolean;
  dryRun?: boolean;
  json?: boolean;
  force?: boolean;
  verify?: boolean;
  addOperations?: string;
  addEvents?: string;
  summary?: string;
  specHeader?: string;
  allowRemoteRefs?: boolean;
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function registerUpdate(program: Command): void {
  program
    .command("update")
    .description(
      "Take a new version of the spec into an integration (pull or receiver): regenerate the generated files, merge the hand-owned ones, add operations or events; --check reports drift only.",
    )
    .argument("[dir]", "the integration folder (holds .capkit.json)", ".")
    .option("-s, --spec <path|url>", "read this spec instead of the one .capkit.json records")
    .option(
      "--check",
      "compare and report only, write nothing; exit 0 unchanged, 1 breaking, 3 non-breaking",
    )
    .option("--dry-run", "show the change report and the diff of every file; write nothing")
    .option("--json", "print the result as JSON")
    .option("--add-operations <ids>", 'operation ids, "GET /path" patterns or tags to add')
    .option(
      "--add-events <ids>",
      'webhook event ids, "*" patterns or tags to add (receiver integrations)',
    )
    .option("--force", "overwrite generated files that were edited by hand")
    .option("--no-verify", "skip the type-check and test run after writing")
    .option("--summary <file>", "append the change report as Markdown (e.g. $GITHUB_STEP_SUMMARY)")
    .option("--spec-header <header>", "HTTP header for a private spec URL (or CAPKIT_SPEC_HEADER)")
    .option("--allow-remote-refs", "let the spec $ref documents on other hosts")
    .addHelpText(
      "after",
      `
Examples:
  $ capkit update integrations/acme                          # the recorded spec, merged and verified
  $ capkit update integrations/acme --spec ./acme-v2.yaml --dry-run
  $ capkit update integrations/acme --add-operations listAssets
  $ capkit update integrations/acme-webhook --add-events "finding.*"
  $ capkit update integrations/acme --check --summary "$GITHUB_STEP_SUMMARY"

Exit codes: update: 0 updated (or up to date) and verified, 1 conflicts or verification failed,
2 usage or bad input. --check: 0 no change, 1 breaking change, 3 only non-breaking, 2 error.`,
    )
    .action(async (dirArg: string, flags: UpdateFlags) => {
      const cwd = process.cwd();
      const dir = resolve(cwd, dirArg);
      const specHeader = flags.specHeader ?? process.env.CAPKIT_SPEC_HEADER;
      const source = {
        cwd,
        ...(flags.spec ? { spec: flags.spec } : {}),
        ...(specHeader ? { specHeader } : {}),
        ...(flags.allowRemoteRefs ? { allowRemoteRefs: true } : {}),
      };
      if (flags.check) {
        const adding = flags.addOperations
          ? "--add-operations"
          : flags.addEvents
            ? "--add-events"
            : "";
        if (adding) {
          throw new CapkitError(
            "CHECK_ADDS_NOTHING",
            `--check compares and writes nothing, so ${adding} has nothing to do there: run \`capkit update\` without --check to add.`,
            { source: adding, exitCode: 2 },
          );
        }
        process.exitCode = await runCheck(dir, source, flags);
        return;
      }
      const { update } = await import("../update/index.js");
      const { formatUpdate, updateExitCode, updateJson } = await import("../update/output.js");
      const showProgress = !flags.json && process.stderr.isTTY;
      const interactive =
        Boolean(process.stdin.isTTY && process.stdout.isTTY) && !flags.json && !flags.dryRun;
      const result = await badInputExits2(() =>
        update({
          ...source,
          dir,
          addOperations: list(flags.addOperations),
          addEvents: list(flags.addEvents),
          dryRun: flags.dryRun === true,
          force: flags.force === true,
          verify: flags.verify !== false,
          ...(interactive ? { pickOperations, pickEvents } : {}),
          ...(showProgress
            ? { onProgress: (m: string) => process.stderr.write(pc.dim(`${m}…\n`)) }
            : {}),
        }),
      );
      if (flags.summary) await appendSummary(flags.summary, result.drift.report, dir);
      if (flags.json) process.stdout.write(`${JSON.stringify(updateJson(result), null, 2)}\n`);
      else process.stdout.write(`${formatUpdate(result, cwd)}\n`);
      process.exitCode = updateExitCode(result);
    });
}

async function runCheck(
  dir: string,
  source: { cwd: string; spec?: string; specHeader?: string; allowRemoteRefs?: boolean },
  flags: UpdateFlags,
): Promise<number> {
  const { checkDrift } = await import("../update/check.js");
  const { CHECK_EXIT, formatChangeReport, reportJson, verdict } = await import(
    "../update/diff/report.js"
  );
  const { report } = await badInputExits2(() => checkDrift(dir, source));
  if (flags.summary) await appendSummary(flags.summary, report, dir);
  if (flags.json) process.stdout.write(`${JSON.stringify(reportJson(report), null, 2)}\n`);
  else process.stdout.write(`${formatChangeReport(report)}\n`);
  return CHECK_EXIT[verdict(report)];
}

/** 1 and 3 are answers (a breaking change, conflicts): input that stops the run exits 2. */
async function badInputExits2<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isCapkitError(error) && error.exitCode !== 2) {
      throw new CapkitError(error.code, error.message, {
        ...(error.source ? { source: error.source } : {}),
        ...(error.where ? { where: error.where } : {}),
        exitCode: 2,
        cause: error,
      });
    }
    throw error;
  }
}

/** The picker: the spec's other list operations, none chosen until you choose. */
function pickOperations(
  candidates: import("../openapi/types.js").OperationSummary[],
): Promise<string[]> {
  return pick(
    "Operations",
    candidates.map((op) => ({
      name: `${op.operationId}  ${op.method.toUpperCase()} ${op.path}${op.isDefault ? ` (likely ${op.recordKind} source)` : ""}`,
      value: op.operationId,
    })),
  );
}

/** The picker of a receiver: the spec's other webhook events. */
function pickEvents(
  candidates: import("../openapi/select-webhooks.js").WebhookSummary[],
): Promise<string[]> {
  return pick(
    "Webhook events",
    candidates.map((e) => ({
      name: `${e.eventId}${e.summary ? `  ${e.summary}` : ""}${e.isDefault ? ` (likely ${e.recordKind} source)` : ""}`,
      value: e.eventId,
    })),
  );
}

async function pick(what: string, choices: { name: string; value: string }[]): Promise<string[]> {
  if (choices.length === 0) return [];
  const { default: inquirer } = await import("inquirer");
  const { plain } = await import("../update/diff/report.js");
  const answer = await inquirer.prompt<{ add: string[] }>([
    {
      type: "checkbox",
      name: "add",
      message: `${what} to add (space toggles, Enter goes on; none is fine)`,
      pageSize: 15,
      // spec text (names, summaries) reaches the terminal: no control sequences
      choices: choices.map((c) => ({ name: plain(c.name).slice(0, 160), value: c.value })),
    },
  ]);
  return answer.add;
}

async function appendSummary(
  file: string,
  report: import("../update/diff/report.js").ChangeReport,
  dir: string,
): Promise<void> {
  const { changeReportMarkdown } = await import("../update/diff/report.js");
  appendFileSync(file, changeReportMarkdown(report, basename(dir)));
}
