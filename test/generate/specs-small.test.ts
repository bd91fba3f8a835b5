import { describe, expect, it } from "vitest";
import { generateAndCheck } from "./fixture-specs.js";

// One integration per document: tsc passes, plumbing tests pass, transform tests are RED.
describe("generate > small and medium documents", () => {
  it.each([
    ["1password-events.json", "onepassword", "bearer"],
    ["cisco-psirt.json", "psirt", "bearer"],
    ["scanhub-swagger2.yaml", "scanhub", "apiKey"],
    ["multi-file/openapi.yaml", "multifile", "oauth2ClientCredentials"],
    ["threatjammer.json", "threatjammer", "bearer"],
    ["vercel-3.1.json", "vercel", "bearer"],
  ])("%s", { timeout: 180_000 }, async (spec, name, auth) => {
    const result = await generateAndCheck(spec, name);
    if (auth) expect(result.model.auth.kind).toBe(auth);
  });
});
