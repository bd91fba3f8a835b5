import { defineRule } from "../define-rule.js";

function countLines(text: string): number {
  if (text === "") return 0;
  const lines = text.split("\n").length;
  return text.endsWith("\n") ? lines - 1 : lines;
}

export default defineRule({
  id: "max-lines",
  meta: {
    description: "Every file stays under the line budget (default 400; warning from 350)",
    why: "Reviewers on the platform reject integration files over 400 lines: long files hide missing error handling and mix the client, the mapping and the capability.",
    fix: "Split the file: client, types, transform and main each in their own file (types by schema group, client by tag).",
  },
  check(ctx) {
    const { max, warnFrom } = ctx.config.lineBudget;
    const lines = countLines(ctx.file.text);
    if (lines > max) {
      ctx.report({ line: max + 1, column: 1 }, `${lines} lines: over the ${max}-line budget`);
    } else if (lines > warnFrom) {
      ctx.report(
        { line: warnFrom + 1, column: 1 },
        `${lines} lines: close to the ${max}-line budget (warning from ${warnFrom})`,
        "warning",
      );
    }
    return undefined;
  },
});
