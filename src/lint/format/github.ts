import type { FormatInput } from "./summary.js";

// Workflow command escaping, as in @actions/core: data escapes %, CR, LF; properties also : and ,
const escapeData = (s: string) =>
  s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(input: FormatInput): string {
  return input.diagnostics
    .map((d) => {
      const props = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`capkit ${d.ruleId}`)}`,
      ].join(",");
      const text = d.fix ? `${d.message} (fix: ${d.fix})` : d.message;
      return `::${d.severity === "error" ? "error" : "warning"} ${props}::${escapeData(text)}\n`;
    })
    .join("");
}
