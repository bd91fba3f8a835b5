import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nodePlop from "node-plop";
import { describe, expect, it } from "vitest";
import { exampleSpec, scratchDir } from "../helpers/scratch.js";

// The compiled plopfile is what `plop.load("capkit")` gives a user repository.
const plopfile = new URL("../../dist/plopfile.js", import.meta.url).pathname;

describe("plop integration generator", () => {
  it("answers every prompt from bypass values and writes a verified integration", {
    timeout: 120_000,
  }, async () => {
    const dir = scratchDir("plop");
    const out = join(dir, "integrations/acme");
    const plop = await nodePlop(plopfile, { destBasePath: dir, force: false });
    const generator = plop.getGenerator("integration");
    const answers = await generator.runPrompts([
      "acme",
      exampleSpec,
      "_", // pull or receiver: asked only when the document has both
      "listHosts,listFindings",
      "listHosts=asset, listFindings=risk",
      "listHosts=page, listFindings=none",
      "bearer",
      "",
      "_", // webhook events and signature: receiver runs only
      "_",
      out,
    ]);
    expect(answers).toMatchObject({ name: "acme", operations: ["listHosts", "listFindings"] });
    const { changes, failures } = await generator.runActions(answers);
    expect(failures).toEqual([]);
    expect(changes[0]?.path).toMatch(/build ok \(tsc --noEmit\)/);
    expect(changes[0]?.path).toMatch(/2 failing as expected \(RED/);
    const manifest = JSON.parse(readFileSync(join(out, ".capkit.json"), "utf8"));
    expect(manifest.options.pagination).toEqual({ listHosts: "page", listFindings: "none" });
    expect(readdirSync(out).sort()).toEqual([
      ".capkit.json",
      "acme.test.ts",
      "acme.ts",
      "acme_client.ts",
      "acme_samples.ts",
      "acme_transform.ts",
      "acme_types.ts",
    ]);
  });

  it("refuses an invalid service name at the first prompt", async () => {
    const plop = await nodePlop(plopfile);
    const generator = plop.getGenerator("integration");
    await expect(generator.runPrompts(["Bad Name"])).rejects.toThrow(/lower-case|valid/i);
  });
});

describe("plop.load('capkit') from a user repository", () => {
  it("registers the integration generator", async () => {
    const { mkdirSync, symlinkSync, writeFileSync } = await import("node:fs");
    const repo = scratchDir("plop-load");
    mkdirSync(join(repo, "node_modules"));
    symlinkSync(
      new URL("../..", import.meta.url).pathname,
      join(repo, "node_modules/capkit"),
      "dir",
    );
    writeFileSync(
      join(repo, "plopfile.mjs"),
      'export default async (plop) => { await plop.load("capkit"); };\n',
    );
    const plop = await nodePlop(join(repo, "plopfile.mjs"));
    expect(plop.getGeneratorList().map((g) => g.name)).toContain("integration");
  });
});
