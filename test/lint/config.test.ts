import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig, parseConfig, ruleSetting } from "../../src/lint/config.js";
import { defaultConfig } from "../../src/lint/config-defaults.js";
import { configJsonSchema, configSchema } from "../../src/lint/config-schema.js";
import { buildFiles, lintFiles, MAIN, TRANSFORM } from "./helpers.js";

const SCHEMA_FILE = new URL("../../schema/capkit.config.schema.json", import.meta.url);
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "capkit-config-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("config", () => {
  it("the zod defaults equal the zod-free defaults used when there is no config file", () => {
    expect(configSchema.parse({})).toEqual(defaultConfig());
  });

  it("the published JSON schema is current (CAPKIT_UPDATE_SCHEMA=1 rewrites it)", () => {
    const current = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
    if (process.env.CAPKIT_UPDATE_SCHEMA) writeFileSync(SCHEMA_FILE, current);
    // compared as data: Biome may reflow the committed file's whitespace
    expect(JSON.parse(readFileSync(SCHEMA_FILE, "utf8"))).toEqual(configJsonSchema());
  });

  it.each([
    ["unknown top-level key", { integrationDir: "x" }, "integrationDir: unknown key"],
    ["unknown nested key", { names: { logr: ["x"] } }, "names.logr: unknown key"],
    ["unknown rule id", { rules: { "no-such-rule": "error" } }, "rules"],
    ["bad severity", { rules: { "max-lines": "warn" } }, "rules.max-lines"],
    ["warnFrom above max", { lineBudget: { max: 100, warnFrom: 200 } }, "lineBudget.warnFrom"],
  ])("rejects %s with a message naming the key, exit code 2", async (_name, raw, fragment) => {
    const error = await parseConfig(raw, "capkit.config.json").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFIG_INVALID", exitCode: 2 });
    expect((error as Error).message).toContain(fragment);
  });

  it("finds capkit.config.json in the working directory and reports broken JSON as a config error", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "capkit.config.json"),
      JSON.stringify({ integrationsDir: "src/integrations" }),
    );
    expect((await loadConfig(dir)).config.integrationsDir).toBe("src/integrations");
    writeFileSync(join(dir, "capkit.config.json"), "{ nope");
    await expect(loadConfig(dir)).rejects.toMatchObject({ code: "CONFIG_INVALID", exitCode: 2 });
    await expect(loadConfig(dir, "missing.json")).rejects.toMatchObject({ exitCode: 2 });
  });

  it("loads capkit.config.ts through a dynamic import", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "capkit.config.ts"),
      "export default { lineBudget: { max: 300, warnFrom: 250 } } as const;\n",
    );
    expect((await loadConfig(dir)).config.lineBudget).toEqual({ max: 300, warnFrom: 250 });
  });

  it("per-glob overrides change a rule's severity for matching files only", () => {
    const config = {
      ...defaultConfig(),
      overrides: [{ files: ["integrations/legacy/**"], rules: { "max-lines": "off" as const } }],
    };
    expect(ruleSetting(config, "max-lines", "integrations/legacy/old/old.ts")).toBe("off");
    expect(ruleSetting(config, "max-lines", "integrations/acme/acme.ts")).toBe("error");
  });
});

describe("configured names that match nothing are a config error, not a silent pass", () => {
  it("a renamed base class", async () => {
    const files = buildFiles({
      name: "",
      edit: [MAIN, "extends BaseCapability", "extends Capability"],
    });
    files[MAIN] = files[MAIN]!.replace("BaseCapability,", "Capability,");
    const { diagnostics } = await lintFiles(files);
    expect(diagnostics.filter((d) => d.ruleId === "extends-base")).toEqual([]);
    expect(diagnostics.find((d) => d.ruleId === "config")?.message).toContain(
      'names.baseClass "BaseCapability" matches nothing',
    );
  });

  it("a renamed registry function", async () => {
    const files = buildFiles({
      name: "",
      edit: [MAIN, "registerCapability(Acme);", "register(Acme);"],
    });
    files[MAIN] = files[MAIN]!.replace("registerCapability }", "register }");
    const { diagnostics } = await lintFiles(files);
    expect(diagnostics.find((d) => d.ruleId === "config")?.message).toContain(
      'names.registerFunction "registerCapability" matches nothing',
    );
  });

  it("a logger with another name", async () => {
    const files = buildFiles({
      name: "",
      files: {
        [TRANSFORM]:
          'import { logger } from "@capkit/runtime";\nexport function f(token: string) {\n  logger.info({ token });\n}\n',
      },
    });
    const { diagnostics } = await lintFiles(files);
    expect(diagnostics.find((d) => d.ruleId === "config")?.message).toContain(
      "logs through logger",
    );
  });
});
