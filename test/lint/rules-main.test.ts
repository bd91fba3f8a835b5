// The capability-class rules, each as a table of edits to the complete sample integration.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { goodFiles, lintFiles, MAIN, ruleTable, TRANSFORM } from "./helpers.js";

const good = { name: "the complete sample integration" };
const CLASS_NAME = { line: 6, column: 14 };

ruleTable("extends-base", {
  valid: [good],
  invalid: [
    {
      name: "class without extends",
      edit: [MAIN, "class Acme extends BaseCapability {", "class Acme {"],
      errors: [CLASS_NAME],
    },
    {
      name: "no class at all",
      files: { [MAIN]: "export const acme = 1;\n" },
      errors: [{ line: 1, column: 1 }],
    },
  ],
});

ruleTable("integration-true", {
  valid: [good],
  invalid: [
    {
      name: "returns false",
      edit: [MAIN, "return true;", "return false;"],
      errors: [{ line: 16, column: 12 }],
    },
    {
      name: "not overridden",
      edit: [MAIN, "  override integration(): boolean {\n    return true;\n  }\n", ""],
      errors: [CLASS_NAME],
    },
    {
      name: "returns a computed value",
      edit: [MAIN, "return true;", "return this.job !== undefined;"],
      errors: [{ line: 16, column: 12 }],
    },
  ],
});

ruleTable("registered", {
  valid: [good],
  invalid: [
    {
      name: "never registered",
      edit: [MAIN, "registerCapability(Acme);", ""],
      errors: [CLASS_NAME],
    },
    {
      name: "registered twice",
      edit: [
        MAIN,
        "registerCapability(Acme);",
        "registerCapability(Acme);\nregisterCapability(Acme);",
      ],
      errors: [{ line: 60, column: 1 }],
    },
    {
      name: "registered inside a function",
      edit: [
        MAIN,
        "registerCapability(Acme);",
        "export function boot(): void {\n  registerCapability(Acme);\n}",
      ],
      errors: [{ line: 60, column: 3 }],
    },
    {
      name: "registered from another file",
      edit: [TRANSFORM, "/** An Acme host", "registerCapability(Acme);\n/** An Acme host"],
      errors: [{ file: TRANSFORM, line: 4, column: 1 }],
    },
  ],
});

ruleTable("integration-target", {
  valid: [
    good,
    {
      name: "target left to the base class",
      edit: [MAIN, "  declare readonly target: Integration;\n", ""],
    },
  ],
  invalid: [
    {
      name: "target typed as Asset",
      edit: [MAIN, "target: Integration;", "target: Asset;"],
      errors: [{ line: 14, column: 28 }],
    },
    {
      name: "target cast to Asset",
      edit: [
        MAIN,
        'this.target.isClass("acme") ? undefined',
        "(this.target as unknown as Asset).name ? undefined",
      ],
      errors: [{ line: 21, column: 13 }],
    },
    {
      name: "target compared with Asset",
      edit: [
        MAIN,
        'this.target.isClass("acme") ? undefined',
        'this.target instanceof Asset || this.target.isClass("acme") ? undefined',
      ],
      errors: [{ line: 21, column: 12 }],
    },
  ],
});

ruleTable("validate-credentials-first", {
  valid: [good],
  invalid: [
    {
      name: "validation after the first statement",
      edit: [
        MAIN,
        "    await this.validateCredentials();\n    const client = this.client();",
        "    const client = this.client();\n    await this.validateCredentials();",
      ],
      errors: [{ line: 39, column: 5 }],
    },
    {
      name: "not awaited",
      edit: [MAIN, "    await this.validateCredentials();", "    void this.validateCredentials();"],
      errors: [{ line: 39, column: 5 }],
    },
  ],
});

ruleTable("validate-credentials-real", {
  valid: [
    good,
    {
      name: "client held in a variable",
      edit: [
        MAIN,
        "await this.client().getMe();",
        "const client = this.client();\n    await client.getMe();",
      ],
    },
  ],
  invalid: [
    {
      name: "only a field check",
      edit: [
        MAIN,
        "await this.client().getMe();",
        'if (!this.job.secret.token) throw new Error("missing credentials");',
      ],
      errors: [{ line: 34, column: 18 }],
    },
  ],
});

ruleTable("match-class", {
  valid: [good],
  invalid: [
    {
      name: "matches everything",
      edit: [
        MAIN,
        'return this.target.isClass("acme") ? undefined : new Error("target is not an acme integration");',
        "return undefined;",
      ],
      errors: [{ line: 20, column: 12 }],
    },
  ],
});

ruleTable("check-affiliation", {
  valid: [good],
  invalid: [
    {
      name: "bare return true",
      edit: [
        MAIN,
        '    throw new Error("checkAffiliation is not implemented yet: look the asset up with client.getHost()");',
        "    return true;",
      ],
      errors: [{ line: 55, column: 5 }],
    },
    {
      name: "not overridden",
      edit: [
        MAIN,
        "  override async checkAffiliation(_asset: Asset): Promise<boolean> {",
        "  async other(_asset: Asset): Promise<boolean> {",
      ],
      errors: [CLASS_NAME],
    },
  ],
});

/** The good fixture's asset send, and the same send past the filter (one line shorter). */
const SAFE_SEND =
  "      // the base class sends it unless the filter drops it\n      this.sendAsset(asset);";
const RAW_SEND = "      this.job.send(asset);";

ruleTable("filter-before-send", {
  valid: [
    good,
    {
      name: "the base class's helpers, an attribute included",
      edit: [
        MAIN,
        '    log.info({ integration: "acme" }, "import finished");',
        '    this.sendAttribute(new Attribute("source", "acme", this.target));',
      ],
    },
    {
      name: "a send method of something that is not the job",
      edit: [MAIN, SAFE_SEND, "      this.queue.send(asset);"],
    },
  ],
  invalid: [
    {
      name: "job.send of an asset",
      edit: [MAIN, SAFE_SEND, RAW_SEND],
      errors: [{ line: 43, column: 7 }],
    },
    {
      name: "job.send behind a filter guard: the guard can be lost, the helper cannot",
      edit: [MAIN, SAFE_SEND, `      if (this.filter.asset(asset)) continue;\n${RAW_SEND}`],
      errors: [{ line: 44, column: 7 }],
    },
    {
      name: "job.send of an attribute",
      edit: [
        MAIN,
        '    log.info({ integration: "acme" }, "import finished");',
        '    this.job.send(new Attribute("source", "acme", this.target));',
      ],
      errors: [{ line: 51, column: 5 }],
    },
    {
      name: "a job passed around",
      edit: [
        MAIN,
        "registerCapability(Acme);",
        "export function sendAll(job: { send(a: unknown): void }, asset: Asset): void {\n  job.send(asset);\n}\nregisterCapability(Acme);",
      ],
      errors: [{ line: 60, column: 3 }],
    },
  ],
});

describe("a multi-word service: folder my-scanner/, files my_scanner*.ts", () => {
  it("is recognised as an integration and lints clean", async () => {
    const files: Record<string, string> = {};
    const manifest = JSON.parse(goodFiles()["integrations/acme/.capkit.json"]!) as {
      files: Record<string, { owner: string; sha256: string }>;
    };
    const renamed: Record<string, { owner: string; sha256: string }> = {};
    for (const [path, text] of Object.entries(goodFiles())) {
      const name = path.slice("integrations/acme/".length).replace(/^acme/, "my_scanner");
      const content = text.replaceAll("./acme_", "./my_scanner_");
      files[`integrations/my-scanner/${name}`] = content;
      const entry = manifest.files[path.slice("integrations/acme/".length)];
      if (entry)
        renamed[name] = {
          owner: entry.owner,
          sha256: createHash("sha256").update(content).digest("hex"),
        };
    }
    files["integrations/my-scanner/.capkit.json"] = JSON.stringify({
      ...manifest,
      service: "my-scanner",
      files: renamed,
    });
    const { diagnostics } = await lintFiles(files);
    expect(diagnostics).toEqual([]);
    // and the main-file rules do run there
    files["integrations/my-scanner/my_scanner.ts"] = files[
      "integrations/my-scanner/my_scanner.ts"
    ]!.replace("return true;", "return false;");
    expect((await lintFiles(files)).diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual([
      "integrations/my-scanner/my_scanner.ts integration-true",
    ]);
  });
});

describe("a folder named otherwise than its service (capkit generate --out)", () => {
  it("takes the file names from the manifest's service", async () => {
    const files: Record<string, string> = {};
    for (const [path, text] of Object.entries(goodFiles())) {
      files[path.replace("integrations/acme/", "integrations/vendor-a/")] = text;
    }
    expect((await lintFiles(files)).diagnostics).toEqual([]);
    const main = "integrations/vendor-a/acme.ts";
    files[main] = files[main]!.replace("return true;", "return false;");
    expect((await lintFiles(files)).diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual([
      `${main} integration-true`,
    ]);
  });
});
