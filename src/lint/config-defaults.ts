// The resolved config shape and its defaults, without zod: a run with no config file (the common
// commit-hook case) must not pay ~80 ms to load the validator. config-schema.ts derives the same
// defaults through zod; a test checks `configSchema.parse({})` equals DEFAULT_CONFIG.
import type { RuleId } from "./rule-ids.js";
import type { RuleSetting } from "./types.js";

export type RuleSettings = Partial<Record<RuleId, RuleSetting>>;

export interface LintConfig {
  $schema?: string | undefined;
  integrationsDir: string;
  runtimeModule: string;
  names: {
    baseClass: string;
    registerFunction: string;
    logger: string[];
    clientSuffix: string;
    paginate: string;
    maxPages: string;
    mapConcurrent: string;
    verifyWebhook: string;
    filter: string;
    integrationModel: string;
    assetModel: string;
    attributeModel: string;
  };
  lineBudget: { max: number; warnFrom: number };
  maxFileBytes: number;
  rules: RuleSettings;
  overrides: { files: string[]; rules: RuleSettings }[];
}

export function defaultConfig(): LintConfig {
  return {
    integrationsDir: "integrations",
    runtimeModule: "@capkit/runtime",
    names: {
      baseClass: "BaseCapability",
      registerFunction: "registerCapability",
      logger: ["log", "this.log"],
      clientSuffix: "Client",
      paginate: "paginate",
      maxPages: "maxPages",
      mapConcurrent: "mapConcurrent",
      verifyWebhook: "verifyWebhook",
      filter: "this.filter",
      integrationModel: "Integration",
      assetModel: "Asset",
      attributeModel: "Attribute",
    },
    lineBudget: { max: 400, warnFrom: 350 },
    maxFileBytes: 1_000_000,
    rules: {},
    overrides: [],
  };
}
