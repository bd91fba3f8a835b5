import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nodePlop from "node-plop";
import { describe, expect, it } from "vitest";
import { exampleFiles, exampleSpec, scratchDir } from "../helpers/scratch.js";

// The compiled plopfile is what `plop.load("capkit")` gives a user repository.
const plopfile = new URL("../../dist/plopfile.js", import.meta.url).pathname;

type Question = {
  name: string;
  default?: unknown;
  message?: unknown;
  validate?: (v: string, a?: object) => unknown;
};

async function integration(options: { destBasePath?: string } = {}) {
  const plop = options.destBasePath
    ? await nodePlop(plopfile, { destBasePath: options.destBasePath, force: false })
    : await nodePlop(plopfile);
  const generator = plop.getGenerator("integration");
  const questions = generator.prompts as unknown as Question[];
  const question = (name: string) => questions.find((q) => q.name === name)!;
  return { generator, question };
}

describe("plop integration generator", () => {
  it("answers every prompt from bypass values, shows each stage with its counts, and writes a verified integration", {
    timeout: 120_000,
  }, async () => {
    const dir = scratchDir("plop");
    const out = join(dir, "integrations/acme");
    const { generator } = await integration({ destBasePath: dir });
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
    const log: string[] = [];
    const { failures } = await generator.runActions(answers, {
      onComment: (text) => log.push(`… ${text}`),
      onSuccess: (change) => log.push(`✔ ${change.path}`),
      onFailure: (failure) => log.push(`✘ ${failure.error}`),
    });
    expect(failures).toEqual([]);
    // the same stages, in order, as `capkit generate` prints on a terminal
    expect(log).toEqual([
      "… loaded VulnScan API 2.4.0: 5 operations, 2 selected",
      "… generating 2 operations",
      expect.stringMatching(/^✔ wrote 7 files \(\d+ lines\) to .*integrations\/acme$/),
      "… type-checking (tsc --noEmit) and testing (vitest)",
      expect.stringMatching(/^✔ build ok \(tsc /),
      expect.stringMatching(/^✔ \d+ passed, 2 failing as expected \(RED: NotImplementedError\)$/),
      expect.stringMatching(/^✔ Next step: write toHostAsset, toFindingRisk in /),
    ]);
    const manifest = JSON.parse(readFileSync(join(out, ".capkit.json"), "utf8"));
    expect(manifest.options.pagination).toEqual({ listHosts: "page", listFindings: "none" });
    expect(readdirSync(out).sort()).toEqual(exampleFiles("acme"));
    // the integration's tests ran with caches in the temp folder, not beside the files
    expect(readdirSync(dir)).toEqual(["integrations"]);
    expect(readdirSync(join(dir, "integrations"))).toEqual(["acme"]);
  });

  it("honours the flags capkit generate hands over with the answers: a dry run writes and checks nothing", async () => {
    const dir = scratchDir("plop-dry");
    const out = join(dir, "integrations/acme");
    const { generator } = await integration({ destBasePath: dir });
    const answers: Record<string, unknown> = await generator.runPrompts([
      "acme",
      exampleSpec,
      "_",
      "listHosts",
      "",
      "",
      "bearer",
      "",
      "_",
      "_",
      out,
    ]);
    answers.cli = { dryRun: true, verify: true };
    const log: string[] = [];
    const { failures } = await generator.runActions(answers, {
      onComment: (text) => log.push(`… ${text}`),
      onSuccess: (change) => log.push(`✔ ${change.path}`),
      onFailure: (failure) => log.push(`✘ ${failure.error}`),
    });
    expect(failures).toEqual([]);
    expect(log.join("\n")).toMatch(/Would generate .*integrations\/acme/);
    expect(log.join("\n")).not.toMatch(/type-checking/);
    expect(log.at(-1)).toBe("✔ dry run: nothing was written");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses an invalid service name at the first prompt", async () => {
    const { generator } = await integration();
    await expect(generator.runPrompts(["Bad Name"])).rejects.toThrow(/lower-case|valid/i);
  });

  it("offers the detected validateCredentials call as the default and checks an answer at once", async () => {
    const { question } = await integration();
    expect(await question("spec").validate!(exampleSpec)).toBe(true);
    const selected = { operations: ["listHosts", "listFindings"] };
    const validation = question("validation");
    expect((validation.default as (a: object) => string)(selected)).toBe("getCurrentUser");
    expect((validation.message as (a: object) => string)(selected)).toContain(
      "GET /me (identity endpoint)",
    );
    expect(validation.validate!("getCurrentUser", selected)).toBe(true);
    expect(validation.validate!("listFindings", selected)).toBe(true);
    expect(validation.validate!("getHost", selected)).toMatch(
      /"getHost" is not among the selected operations: use getCurrentUser, listHosts, listFindings/,
    );
    expect(validation.validate!("nope", selected)).toMatch(/"nope" is not in the spec/);
  });

  it("names an occupied output folder as soon as the spec says which kind it is, before the operations", async () => {
    const dir = scratchDir("plop-occupied");
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(join(dir, "integrations/acme"), { recursive: true });
    writeFileSync(join(dir, "integrations/acme/acme.ts"), "// mine\n");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { question } = await integration();
      expect(await question("spec").validate!(exampleSpec, { name: "acme" })).toMatch(
        /integrations\/acme is not empty \(acme\.ts\)/,
      );
      expect(await question("spec").validate!(exampleSpec, { name: "other" })).toBe(true);
    } finally {
      process.chdir(cwd);
    }
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
