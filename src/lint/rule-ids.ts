/** Rule ids in the order of the brief's table (section 6). Kept free of zod so start-up stays cheap. */
export const RULE_IDS = [
  "extends-base",
  "integration-true",
  "registered",
  "integration-target",
  "validate-credentials-first",
  "validate-credentials-real",
  "match-class",
  "check-affiliation",
  "filter-before-send",
  "max-lines",
  "file-layout",
  "no-raw-http",
  "no-secret-logging",
  "no-swallowed-errors",
  "bounded-pagination",
  "bounded-concurrency",
  "webhook-verify",
  "generated-untouched",
] as const;
export type RuleId = (typeof RULE_IDS)[number];
