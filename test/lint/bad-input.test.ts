import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/lint/config-defaults.js";
import { buildFiles, lintFiles } from "./helpers.js";

const HELPER = "integrations/acme/acme_helpers.ts";

async function lintWith(content: string | Buffer, config = defaultConfig()) {
  const files: Record<string, string | Buffer> = buildFiles({ name: "" });
  files[HELPER] = content;
  const result = await lintFiles(files, config);
  return {
    helper: result.diagnostics
      .filter((d) => d.file === HELPER)
      .map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.severity}`),
    others: result.diagnostics.filter((d) => d.file !== HELPER),
    files: result.files,
  };
}

describe("bad input is a diagnostic, never a crash, and the other files are still linted", () => {
  it("a file that does not parse", async () => {
    const { helper, others, files } = await lintWith("export const = ;\n");
    expect(helper[0]).toMatch(/^1:14 parse-error error$/);
    expect(others).toEqual([]);
    expect(files).toHaveLength(6);
  });

  it("a binary file", async () => {
    const { helper, others } = await lintWith(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect(helper).toEqual(["1:1 file-skipped warning"]);
    expect(others).toEqual([]);
  });

  it("an empty file", async () => {
    expect((await lintWith("")).helper).toEqual(["1:1 empty-file warning"]);
    expect((await lintWith("\n\n  \n")).helper).toEqual(["1:1 empty-file warning"]);
  });

  it("a file over the size cap is skipped", async () => {
    const { helper } = await lintWith(`export const big = "${"x".repeat(2_000)}";\n`, {
      ...defaultConfig(),
      maxFileBytes: 1_000,
    });
    expect(helper).toEqual(["1:1 file-skipped warning"]);
  });

  it("a UTF-8 BOM and CRLF line endings are fine", async () => {
    expect((await lintWith("\uFEFFexport const a = 1;\r\nexport const b = 2;\r\n")).helper).toEqual(
      [],
    );
  });

  it("a broken manifest is reported on the generated files, not thrown", async () => {
    const files: Record<string, string> = buildFiles({
      name: "",
      files: { "integrations/acme/.capkit.json": "{ not json" },
    });
    const { diagnostics } = await lintFiles(files);
    expect(
      diagnostics.filter((d) => d.ruleId === "generated-untouched").map((d) => d.message)[0],
    ).toContain(".capkit.json cannot be read");
  });
});
