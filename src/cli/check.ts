import type { Command } from "commander";
import pc from "picocolors";
import type { Checklist } from "../lint/check.js";
import type { StepResult } from "../lint/run-tests.js";

interface CheckOptions {
  runTests?: boolean;
  json?: boolean;
  config?: string;
}

export function formatChecklist(
  list: Checklist,
  tests: { typecheck: StepResult; tests: StepResult } | undefined,
  color: boolean,
): string {
  const c = pc.createColors(color);
  const out = [c.bold(`Integration verification checklist: ${list.dir}`), ""];
  for (const rule of list.rules) {
    out.push(`${rule.ok ? "✅" : "❌"} ${rule.id}: ${rule.description}`);
    for (const f of rule.findings) out.push(`     ${f.file}:${f.line}:${f.column}  ${f.message}`);
  }
  for (const d of list.other)
    out.push(
      `${d.severity === "error" ? "❌" : "⚠️ "} ${d.ruleId}: ${d.file}:${d.line}:${d.column}  ${d.message}`,
    );
  out.push("", c.bold("Files"));
  for (const f of list.files) out.push(`  ${String(f.lines).padStart(5)} lines  ${f.file}`);
  if (tests) {
    out.push("", c.bold("Build and tests"));
    for (const s of [tests.typecheck, tests.tests]) {
      out.push(`${s.ok ? "✅" : "❌"} ${s.command}`);
      if (!s.ok) out.push(...s.tail.split("\n").map((l) => `     ${l}`));
    }
  }
  out.push(
    "",
    list.ok && (!tests || (tests.typecheck.ok && tests.tests.ok))
      ? c.green("Ready for review ✓")
      : c.red("Not ready: fix the ❌ items above"),
  );
  return `${out.join("\n")}\n`;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("Print the verification checklist for one integration folder, from real evidence")
    .argument("<dir>", "the integration folder, e.g. integrations/acme")
    .option("--run-tests", "also type-check the folder (TypeScript 7 tsc) and run its vitest tests")
    .option("--json", "print the checklist as JSON")
    .option(
      "--config <path>",
      "config file (default: the first of capkit.config.json, .ts, .js, .mjs in the working directory)",
    )
    .addHelpText(
      "after",
      `
Examples:
  $ capkit check integrations/acme                 # each rule ✅/❌ with file:line, line counts
  $ capkit check integrations/acme --run-tests     # and the type-check and the tests
  $ capkit check integrations/acme --json

Exit codes: 0 ready for review, 1 a rule, the type-check or a test failed, 2 usage or config error.`,
    )
    .action(async (dir: string, options: CheckOptions) => {
      // loaded on use: `capkit generate` and `doctor` never load the linter
      const { buildChecklist } = await import("../lint/check.js");
      const list = await buildChecklist(process.cwd(), dir, options.config);
      // execa loads only when tests run: plain `capkit check` and `capkit lint` stay fast
      const tests = options.runTests
        ? await (await import("../lint/run-tests.js")).runFolderTests(process.cwd(), dir)
        : undefined;
      const ok = list.ok && (!tests || (tests.typecheck.ok && tests.tests.ok));
      if (options.json)
        process.stdout.write(
          `${JSON.stringify({ ...list, ok, ...(tests ? { tests } : {}) }, null, 2)}\n`,
        );
      else
        process.stdout.write(
          formatChecklist(list, tests, process.stdout.isTTY === true && !process.env.NO_COLOR),
        );
      process.exitCode = ok ? 0 : 1;
    });
}
