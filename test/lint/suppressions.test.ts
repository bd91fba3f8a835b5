import { describe, expect, it } from "vitest";
import { buildFiles, lintFiles, TRANSFORM } from "./helpers.js";

const lintTransform = async (code: string) => {
  const { diagnostics } = await lintFiles(buildFiles({ name: "", files: { [TRANSFORM]: code } }));
  return diagnostics
    .filter((d) => d.file === TRANSFORM)
    .map((d) => `${d.line}:${d.column} ${d.ruleId}`);
};

describe("capkit-disable-next-line", () => {
  it("suppresses the named rule on the next line when a reason is given", async () => {
    expect(
      await lintTransform(
        '// capkit-disable-next-line no-secret-logging -- CLI demo output\nconsole.log("x");\n',
      ),
    ).toEqual([]);
  });

  it("works as a block comment and with several rules", async () => {
    const code =
      '/* capkit-disable-next-line no-secret-logging, no-raw-http -- demo */\nconsole.log(fetch("x"));\n';
    expect(await lintTransform(code)).toEqual([]);
  });

  it("requires a reason, and does not suppress without one", async () => {
    expect(
      await lintTransform('// capkit-disable-next-line no-secret-logging\nconsole.log("x");\n'),
    ).toEqual(["1:4 bad-suppression", "2:1 no-secret-logging"]);
  });

  it("rejects unknown rule ids", async () => {
    expect(
      await lintTransform('// capkit-disable-next-line no-such-rule -- why\nconsole.log("x");\n'),
    ).toEqual(["1:4 bad-suppression", "2:1 no-secret-logging"]);
  });

  it("reports an unused suppression", async () => {
    expect(
      await lintTransform(
        "// capkit-disable-next-line no-raw-http -- not needed\nexport const x = 1;\n",
      ),
    ).toEqual(["1:4 unused-suppression"]);
  });

  it("only applies to the next line, and only to the named rule", async () => {
    const code = '// capkit-disable-next-line no-raw-http -- wrong rule\nconsole.log("x");\n';
    expect(await lintTransform(code)).toEqual(["1:4 unused-suppression", "2:1 no-secret-logging"]);
  });

  it.each([
    [
      "a string literal",
      'export const s = "// capkit-disable-next-line no-secret-logging -- nope";\nconsole.log(s);\n',
    ],
    [
      "a template literal",
      "export const s = `${1} // capkit-disable-next-line no-secret-logging -- nope`;\nconsole.log(s);\n",
    ],
    [
      "a template head",
      "export const s = `// capkit-disable-next-line no-secret-logging -- nope ${1}`;\nconsole.log(s);\n",
    ],
    [
      "a regular expression",
      "export const r = /capkit-disable-next-line no-secret-logging -- nope/;\nconsole.log(r);\n",
    ],
  ])("text inside %s does not suppress", async (_name, code) => {
    expect(await lintTransform(code)).toEqual(["2:1 no-secret-logging"]);
  });

  it("a trailing comment after code on the previous line counts", async () => {
    expect(
      await lintTransform(
        "export const a = 1; // capkit-disable-next-line no-secret-logging -- demo\nconsole.log(a);\n",
      ),
    ).toEqual([]);
  });
});
