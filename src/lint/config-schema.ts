import { z } from "zod";
import type { LintConfig } from "./config-defaults.js";
import { RULE_IDS } from "./rule-ids.js";

const setting = z.enum(["error", "warning", "off"]);
// Unknown rule ids are an error too: a typo must not silently keep a rule on.
const ruleSettings = z.partialRecord(z.enum(RULE_IDS), setting);

const names = z
  .object({
    baseClass: z.string().min(1).default("BaseCapability"),
    registerFunction: z.string().min(1).default("registerCapability"),
    logger: z.array(z.string().min(1)).min(1).default(["log", "this.log"]),
    clientSuffix: z.string().min(1).default("Client"),
    paginate: z.string().min(1).default("paginate"),
    maxPages: z.string().min(1).default("maxPages"),
    mapConcurrent: z.string().min(1).default("mapConcurrent"),
    verifyWebhook: z.string().min(1).default("verifyWebhook"),
    filter: z.string().min(1).default("this.filter"),
    integrationModel: z.string().min(1).default("Integration"),
    assetModel: z.string().min(1).default("Asset"),
    attributeModel: z.string().min(1).default("Attribute"),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    integrationsDir: z.string().min(1).default("integrations"),
    runtimeModule: z.string().min(1).default("@capkit/runtime"),
    names: names.default(() => names.parse({})),
    lineBudget: z
      .object({
        max: z.int().positive().default(400),
        warnFrom: z.int().positive().default(350),
      })
      .strict()
      .default({ max: 400, warnFrom: 350 }),
    /** Files larger than this are skipped with a diagnostic (generated types can be big; 1 MB is not a source file). */
    maxFileBytes: z.int().positive().default(1_000_000),
    rules: ruleSettings.default({}),
    overrides: z
      .array(z.object({ files: z.array(z.string().min(1)).min(1), rules: ruleSettings }).strict())
      .default([]),
  })
  .strict();

// LintConfig (config-defaults.ts) is checked against this schema's output type in test/lint/config.test.ts.
export type SchemaOutput = z.output<typeof configSchema>;
// both directions: the hand-written type and the schema cannot drift apart
export const sameShape: [SchemaOutput, LintConfig] extends [LintConfig, SchemaOutput]
  ? true
  : never = true;
export type ConfigInput = z.input<typeof configSchema>;

/** The published JSON schema (`schema/capkit.config.schema.json`) is generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: "input" }),
    $id: "https://capkit.dev/schema/capkit.config.schema.json",
    title: "capkit configuration",
  };
}
