// `capkit generate` before anything is written: what the project lacks, the spec download's caps,
// the credential check chosen by flag; and the help every command owes its reader.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCapkit, STACK_FRAME } from "../helpers/capkit-cli.js";
import { exampleSpec, scratchDir } from "../helpers/scratch.js";

// Outside the repository: no package.json and no node_modules in any folder above.
const outside = mkdtempSync(join(tmpdir(), "capkit-outside-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe("capkit generate > before writing, the project must have what the result needs", () => {
  it("outside any Node project: says so and what to run, writes nothing", async () => {
    const out = join(outside, "loose/acme");
    const result = await runCapkit(
      ["generate", "--spec", exampleSpec, "--name", "acme", "--out", out],
      {
        cwd: outside,
      },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("is not inside a Node project (no package.json");
    expect(result.stderr).toContain(
      "npm init -y && npm pkg set type=module && npm install @capkit/runtime && npm install --save-dev vitest msw",
    );
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(join(outside, "loose"))).toBe(false);
  });

  it.each([
    ["npm", undefined, "npm install @capkit/runtime && npm install --save-dev vitest msw"],
    ["pnpm", "pnpm-lock.yaml", "pnpm add @capkit/runtime && pnpm add --save-dev vitest msw"],
    ["yarn", "yarn.lock", "yarn add @capkit/runtime && yarn add --dev vitest msw"],
  ])(
    "a project without the packages (%s): the exact install command, nothing written",
    async (_pm, lock, command) => {
      const project = join(outside, `project-${_pm}`);
      mkdirSync(project);
      writeFileSync(join(project, "package.json"), '{ "name": "mine", "type": "module" }\n');
      if (lock) writeFileSync(join(project, lock), "");
      const result = await runCapkit(["generate", "--spec", exampleSpec, "--name", "acme"], {
        cwd: project,
      });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain("@capkit/runtime, vitest, msw are not installed in .");
      expect(result.stderr).toContain(`\n  ${command}\n`);
      expect(result.stderr).toContain("--no-verify");
      expect(readdirSync(project).filter((f) => f !== lock)).toEqual(["package.json"]);
    },
  );

  it("only what is missing is named", async () => {
    const project = join(outside, "half");
    mkdirSync(join(project, "node_modules/@capkit/runtime"), { recursive: true });
    mkdirSync(join(project, "node_modules/vitest"), { recursive: true });
    writeFileSync(join(project, "package.json"), "{}\n");
    writeFileSync(join(project, "node_modules/@capkit/runtime/package.json"), "{}\n");
    writeFileSync(join(project, "node_modules/vitest/package.json"), "{}\n");
    const result = await runCapkit(["generate", "--spec", exampleSpec, "--name", "acme"], {
      cwd: project,
    });
    expect(result.stderr).toContain("msw is not installed in . (its tests use vitest and msw)");
    expect(result.stderr).toContain("\n  npm install --save-dev msw\n");
  });

  it("the plop generator says it before its first prompt is shown", async () => {
    const nodePlop = (await import("node-plop")).default;
    const plop = await nodePlop(new URL("../../dist/plopfile.js", import.meta.url).pathname);
    const name = (
      plop.getGenerator("integration").prompts as {
        name: string;
        message: unknown;
        validate: (v: string) => Promise<unknown>;
      }[]
    )[0]!;
    const cwd = process.cwd();
    process.chdir(outside);
    try {
      expect(() => (name.message as () => string)()).toThrow(/not inside a Node project/);
      // a bypassed first answer goes through validate, which says the same
      expect(await name.validate("acme")).toMatch(/not inside a Node project/);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("capkit generate on a terminal > before the first prompt", () => {
  it("names what the project lacks, and an occupied folder the flags name", async () => {
    const { beforePrompts } = await import("../../src/cli/generate-prompts.js");
    expect(() => beforePrompts({}, outside)).toThrow(/not inside a Node project/);
    const dir = scratchDir("cli-before-prompts");
    mkdirSync(join(dir, "integrations/acme"), { recursive: true });
    writeFileSync(join(dir, "integrations/acme/acme.ts"), "// mine\n");
    expect(() => beforePrompts({ name: "acme" }, dir)).toThrow(/integrations\/acme is not empty/);
    expect(() => beforePrompts({ out: "integrations/acme" }, dir)).toThrow(/is not empty/);
    expect(() => beforePrompts({ name: "acme", force: true }, dir)).not.toThrow();
    expect(() => beforePrompts({ name: "other" }, dir)).not.toThrow();
  });
});

describe("capkit generate > flags", () => {
  it("--validation picks the credential check; an operation outside the selection is refused", async () => {
    const dir = scratchDir("cli-validation");
    const chosen = await runCapkit(
      [
        "generate",
        "--spec",
        exampleSpec,
        "--name",
        "acme",
        "--validation",
        "listFindings",
        "--dry-run",
      ],
      { cwd: dir },
    );
    expect(chosen.exitCode, chosen.all).toBe(0);
    expect(chosen.stdout).toContain("credentials checked with GET /findings (chosen)");
    const refused = await runCapkit(
      ["generate", "--spec", exampleSpec, "--name", "acme", "--validation", "getHost", "--dry-run"],
      { cwd: dir },
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(
      /validateCredentials call "getHost" is not one of the selected operations/,
    );
  });

  it.each([
    ["generate", "--yes", "--dry-run"],
    ["update", "--check"],
  ])(
    "-f is not --force for %s (ESLint users read it as the output format)",
    async (command, ...rest) => {
      const result = await runCapkit([command, "-f", ...rest]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain("unknown option '-f'");
    },
  );

  it.each([
    ["the flag", ["--max-spec-bytes", "100"], {}],
    ["the environment", [], { CAPKIT_MAX_SPEC_BYTES: "100" }],
  ])(
    "--max-spec-bytes caps the spec, from %s, and the error names both",
    async (_from, flags, env) => {
      const dir = scratchDir("cli-max-bytes");
      const result = await runCapkit(
        ["generate", "--spec", exampleSpec, "--name", "acme", "--dry-run", ...flags],
        { cwd: dir, env },
      );
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(
        /larger than the 100-byte cap.*--max-spec-bytes <bytes> \(or CAPKIT_MAX_SPEC_BYTES\)/,
      );
    },
  );

  it("a cap that is not a number is a usage error naming where it came from", async () => {
    const flag = await runCapkit(["generate", "--yes", "--dry-run", "--max-spec-bytes", "10MB"]);
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toContain('--max-spec-bytes expects a whole number of bytes, got "10MB"');
    const env = await runCapkit(["doctor", exampleSpec], { env: { CAPKIT_SPEC_TIMEOUT: "soon" } });
    expect(env.exitCode).toBe(2);
    expect(env.stderr).toContain('CAPKIT_SPEC_TIMEOUT expects a number of seconds, got "soon"');
  });
});

describe("capkit generate and doctor > --timeout on a spec URL that never answers", () => {
  let server: Server;
  let url = "";
  beforeAll(async () => {
    // headers sent, body never finished
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it.each([
    [
      "generate --timeout",
      ["generate", "--name", "acme", "--dry-run", "--timeout", "0.5", "--spec"],
      {},
    ],
    ["doctor with CAPKIT_SPEC_TIMEOUT", ["doctor"], { CAPKIT_SPEC_TIMEOUT: "0.5" }],
  ])("%s gives up and names the flag", async (_name, args, env) => {
    const started = performance.now();
    const result = await runCapkit([...args, url], { cwd: scratchDir("cli-timeout"), env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /no complete answer within 0\.5 s.*--timeout <seconds> \(or CAPKIT_SPEC_TIMEOUT\)/,
    );
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe("capkit --help of every command", () => {
  it.each(["generate", "lint", "check", "doctor"])(
    "%s --help shows examples and exit codes",
    async (command) => {
      const result = await runCapkit([command, "--help"]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/\nExamples:\n {2}\$ capkit /);
      expect(result.stdout).toMatch(/\nExit codes: 0 [^\n]+, 1 [^\n]+, 2 [^\n]+/);
    },
  );

  it("lint and check --help name the config files the loader reads", async () => {
    for (const command of ["lint", "check"]) {
      const result = await runCapkit([command, "--help"]);
      expect(result.stdout.replace(/\s+/g, " ")).toContain(
        "the first of capkit.config.json, .ts, .js, .mjs in the working directory",
      );
    }
  });
});
