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
  out.push("", c.bold("Written by hand"));
  if (list.pending.length === 0)
    out.push("✅ no transform or checkAffiliation still throws NotImplementedError");
  for (const p of list.pending)
    out.push(`❌ ${p.name} still throws NotImplementedError  ${p.file}:${p.line}:${p.column}`);
  out.push("", c.bold("Files"));
  for (const f of list.files) out.push(`  ${String(f.lines).padStart(5)} lines  ${f.file}`);
  if (tests) {
    out.push("", c.bold("Build and tests"));
    for (const s of [tests.typecheck, tests.tests]) {
      out.push(`${s.ok ? "✅" : "❌"} ${s.command}`);
      if (!s.ok) out.push(...s.tail.split("\n").map((l) => `     ${l}`));
    }
  }
  out.push("", verdict(list, tests, c));
  return `${out.join("\n")}\n`;
}

/** Ready only on evidence: every item ✅, nothing left throwing, and the tests run and green. */
export function isReady(
  list: Checklist,
  tests: { typecheck: StepResult; tests: StepResult } | undefined,
): boolean {
  return list.ok && tests?.typecheck.ok === true && tests.tests.ok;
}

function verdict(
  list: Checklist,
  tests: { typecheck: StepResult; tests: StepResult } | undefined,
  c: ReturnType<typeof pc.createColors>,
): string {
  if (isReady(list, tests)) return c.green("Ready for review ✓");
  if (!list.ok || tests) return c.red("Not ready: fix the ❌ items above");
  return c.yellow(
    `Not ready: the build and the tests have not been run (capkit check ${list.dir} --run-tests)`,
  );
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
      const ok = isReady(list, tests);
      if (options.json)
        process.stdout.write(
          `${JSON.stringify({ ...list, ok, testsRun: tests !== undefined, ...(tests ? { tests } : {}) }, null, 2)}\n`,
        );
      else
        process.stdout.write(
          formatChecklist(list, tests, process.stdout.isTTY === true && !process.env.NO_COLOR),
        );
      process.exitCode = ok ? 0 : 1;
    });
}
