import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { typecheck } from "../../src/verify/typecheck.js";
import { scratchDir } from "../helpers/scratch.js";

// Legal under plain `strict`, an error under exactOptionalPropertyTypes, and an unused local.
const CODE = [
  "export const options: { maxPages?: number } = { maxPages: undefined };",
  "export function f(): number {",
  "  const unused = 1;",
  "  return 2;",
  "}",
  "",
].join("\n");

function project(name: string, tsconfig: object | undefined): string {
  const root = scratchDir(`verify-${name}`);
  const dir = join(root, "integrations", "acme");
  scratchDir(`verify-${name}/integrations/acme`);
  writeFileSync(join(dir, "acme.ts"), CODE);
  if (tsconfig) writeFileSync(join(root, "tsconfig.json"), JSON.stringify(tsconfig));
  return dir;
}

const compilerOptions = { strict: true, noEmit: true, module: "nodenext", skipLibCheck: true };

describe("verify > type-check", { timeout: 60_000 }, () => {
  it("uses the host project's tsconfig when it covers the folder, and says so", async () => {
    const dir = project("host", { compilerOptions, include: ["integrations"] });
    const result = await typecheck(dir);
    expect(result.config).toMatch(/verify-host\/tsconfig\.json$/);
    expect(result.command).toContain(result.config);
    expect(result.ok).toBe(true);
  });

  it("reports the host config's errors in the folder", async () => {
    const dir = project("host-strict", {
      compilerOptions: { ...compilerOptions, noUnusedLocals: true },
      include: ["integrations"],
    });
    const result = await typecheck(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("'unused' is declared but its value is never read");
  });

  it("falls back to the strict flags when the nearest tsconfig leaves the folder out", async () => {
    const dir = project("excluded", { compilerOptions, include: ["src"] });
    const result = await typecheck(dir);
    expect(result.config).toBeUndefined();
    expect(result.ok).toBe(false);
    expect(result.output).toContain("exactOptionalPropertyTypes");
    expect(result.output).toContain("'unused' is declared");
  });
});
