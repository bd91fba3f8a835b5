import { describe, expect, it } from "vitest";
import { matchesGlob } from "../../src/lint/glob.js";

describe("override globs", () => {
  it.each([
    ["integrations/**", "integrations/acme/acme.ts", true],
    ["integrations/**/*.test.ts", "integrations/acme/acme.test.ts", true],
    ["integrations/**/*.test.ts", "integrations/acme.test.ts", true],
    ["integrations/*/acme.ts", "integrations/acme/acme.ts", true],
    ["integrations/*.ts", "integrations/acme/acme.ts", false],
    ["integrations/{acme,beta}/*.ts", "integrations/beta/beta.ts", true],
    ["integrations/{acme,beta}/*.ts", "integrations/gamma/gamma.ts", false],
    ["integrations/acme/acme_types_?.ts", "integrations/acme/acme_types_2.ts", true],
    ["integrations/acme/acme.ts", "integrations/acme/acme+ts", false],
  ])("%s matches %s: %s", (glob, path, want) => {
    expect(matchesGlob(path, glob)).toBe(want);
  });
});
