import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/cli/lint.js";
import { FORMATS } from "../../src/lint/format/index.js";
import { RULES } from "../../src/lint/rules/index.js";
import { buildFiles, lintFiles, MAIN, TRANSFORM } from "./helpers.js";

async function sample() {
  const files = buildFiles({
    name: "golden",
    edit: [
      MAIN,
      "      // the base class sends it unless the filter drops it\n      this.sendAsset(asset);",
      "      this.job.send(asset);",
    ],
    files: {
      "integrations/acme/acme.test.ts": undefined,
      [TRANSFORM]:
        'import { log } from "@capkit/runtime";\nexport function f(token: string) {\n  log.info({ token }, "100% done,\\nnext: ok");\n}\n',
    },
  });
  const result = await lintFiles(files);
  return { ...result, cwd: "/repo", color: false };
}

describe("output formats (golden files)", () => {
  it.each(Object.keys(FORMATS) as (keyof typeof FORMATS)[])("%s", async (format) => {
    const output = FORMATS[format](await sample());
    const ext = format === "json" || format === "sarif" ? "json" : "txt";
    await expect(output).toMatchFileSnapshot(`./__snapshots__/lint.${format}.${ext}`);
  });

  it("pretty says so when there is nothing to report", async () => {
    const result = await lintFiles(buildFiles({ name: "" }));
    expect(FORMATS.pretty({ ...result, cwd: "/repo", color: false })).toBe(
      "✔ no problems in 5 files\n",
    );
  });

  it("json is ESLint's shape: one entry per file, absolute paths, severity 2", async () => {
    const parsed = JSON.parse(FORMATS.json(await sample())) as {
      filePath: string;
      messages: { ruleId: string; severity: number }[];
      errorCount: number;
    }[];
    expect(parsed).toHaveLength(4);
    const main = parsed.find((r) => r.filePath === `/repo/${MAIN}`);
    expect(main?.messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ["file-layout", 2],
      ["filter-before-send", 2],
    ]);
    expect(main?.errorCount).toBe(2);
  });

  it("sarif 2.1.0: every result points at a declared rule with help, and a region", async () => {
    const log = JSON.parse(FORMATS.sarif(await sample()));
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids.slice(0, RULES.length)).toEqual(RULES.map((r) => r.id));
    for (const result of run.results) {
      expect(ids[result.ruleIndex]).toBe(result.ruleId);
      expect(run.tool.driver.rules[result.ruleIndex].help.text.length).toBeGreaterThan(0);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    expect(run.results.length).toBe(3);
  });

  it("sarif URIs are percent-encoded (spaces, non-ASCII)", async () => {
    const out = FORMATS.sarif({
      diagnostics: [
        {
          ruleId: "max-lines",
          severity: "error",
          file: "integrations/my scanner/ü.ts",
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          message: "m",
        },
      ],
      files: [],
      sources: new Map(),
      cwd: "/",
      color: false,
    });
    expect(out).toContain('"uri": "integrations/my%20scanner/%C3%BC.ts"');
  });

  it("github annotations escape %, newlines, and : , in properties", () => {
    const out = FORMATS.github({
      diagnostics: [
        {
          ruleId: "max-lines",
          severity: "warning",
          file: "a:b,c.ts",
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 4,
          message: "100%\ndone",
        },
      ],
      files: [],
      sources: new Map(),
      cwd: "/",
      color: false,
    });
    expect(out).toBe(
      "::warning file=a%3Ab%2Cc.ts,line=2,col=3,endLine=2,endColumn=4,title=capkit max-lines::100%25%0Adone\n",
    );
  });

  it("exit codes: 0 clean, 1 errors or too many warnings, 2 config errors", () => {
    const d = (ruleId: string, severity: "error" | "warning") => ({ ruleId, severity });
    expect(exitCodeFor([], -1)).toBe(0);
    expect(exitCodeFor([d("max-lines", "warning")], -1)).toBe(0);
    expect(exitCodeFor([d("max-lines", "warning")], 0)).toBe(1);
    expect(exitCodeFor([d("max-lines", "error")], -1)).toBe(1);
    expect(exitCodeFor([d("max-lines", "error"), d("config", "error")], -1)).toBe(2);
  });
});
