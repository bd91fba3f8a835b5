import { createHash } from "node:crypto";
import { VERSION } from "../../version.js";
import { ENGINE_RULES } from "../engine-rules.js";
import { RULES } from "../rules/index.js";
import type { FormatInput } from "./summary.js";

const encodeUri = (path: string) => path.split("/").map(encodeURIComponent).join("/");

/** SARIF 2.1.0 as GitHub code scanning ingests it: rules with help, results with regions and stable fingerprints. */
export function formatSarif(input: FormatInput): string {
  const descriptors = [
    ...RULES.map((r) => ({
      id: r.id,
      description: r.meta.description,
      why: r.meta.why,
      fix: r.meta.fix,
      docs: r.meta.docs,
    })),
    ...ENGINE_RULES,
  ];
  const index = new Map(descriptors.map((r, i) => [r.id, i]));
  const rules = descriptors.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.why },
    help: {
      text: `${r.why}\n\nFix: ${r.fix}`,
      markdown: `${r.why}\n\n**Fix:** ${r.fix}\n\nSee \`${r.docs}\`.`,
    },
    defaultConfiguration: { level: "error" },
    properties: { tags: ["capkit", "integration"] },
  }));
  const results = input.diagnostics.map((d) => ({
    ruleId: d.ruleId,
    ruleIndex: index.get(d.ruleId) ?? 0,
    level: d.severity === "error" ? "error" : "warning",
    message: { text: d.fix ? `${d.message}. Fix: ${d.fix}` : d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(d.file), uriBaseId: "%SRCROOT%" },
          region: {
            startLine: d.line,
            startColumn: d.column,
            endLine: d.endLine,
            endColumn: d.endColumn,
          },
        },
      },
    ],
    partialFingerprints: {
      "capkitFinding/v1": createHash("sha256")
        .update(`${d.ruleId}\0${d.file}\0${d.message}`)
        .digest("hex")
        .slice(0, 32),
    },
  }));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "capkit",
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: "https://www.npmjs.com/package/capkit",
            rules,
          },
        },
        automationDetails: { id: "capkit/lint/" },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
