import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCapkit, STACK_FRAME } from "../helpers/capkit-cli.js";
import { exampleSpec, scratchDir } from "../helpers/scratch.js";

// One integration generated for the whole file (no verification): tests that need an existing
// folder copy it instead of generating it again.
let generated = "";
beforeAll(async () => {
  generated = join(scratchDir("cli-template"), "acme");
  const result = await runCapkit([
    "generate",
    "--spec",
    exampleSpec,
    "--name",
    "acme",
    "--out",
    generated,
    "--no-verify",
  ]);
  if (result.exitCode !== 0) throw new Error(result.all);
}, 120_000);

function withIntegration(name: string): string {
  const dir = scratchDir(name);
  cpSync(generated, join(dir, "integrations/acme"), { recursive: true });
  return dir;
}

describe("capkit generate", () => {
  it("--yes --json: the bundled example, a name from its title, and the platform's handoff after a verified run", {
    timeout: 120_000,
  }, async () => {
    const dir = scratchDir("cli-json");
    const result = await runCapkit(["generate", "--yes", "--json"], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe("complete");
    expect(report.summary).toMatch(/build ok, \d+ passed, 2 failing as expected \(RED\)/);
    expect(report.files_modified).toContain("integrations/vulnscan/vulnscan_client.ts");
    expect(report.verification).toMatchObject({ tests_passed: true, build_success: true });
    expect(report.handoff.context).toMatch(/toHostAsset/);
  });

  it("--dry-run lists files and line counts, writes nothing", async () => {
    const dir = scratchDir("cli-dry");
    const result = await runCapkit(
      ["generate", "--spec", exampleSpec, "--name", "acme", "--dry-run"],
      { cwd: dir },
    );
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toMatch(/acme_client\.ts\s+\d+ lines\s+created/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("--dry-run over an existing integration shows the diff of a file the user changed", {
    timeout: 120_000,
  }, async () => {
    const dir = withIntegration("cli-dry-diff");
    const main = join(dir, "integrations/acme/acme.ts");
    writeFileSync(
      main,
      readFileSync(main, "utf8").replace("return true;", "return true; // edited"),
    );
    const result = await runCapkit(
      ["generate", "--spec", exampleSpec, "--name", "acme", "--dry-run"],
      { cwd: dir },
    );
    expect(result.stdout).toMatch(/acme\.ts\s+\d+ lines\s+kept/);
    expect(result.stdout).toContain("-    return true; // edited");
    expect(readFileSync(main, "utf8")).toContain("// edited");
  });

  it("refuses an existing integration without --force and changes nothing", {
    timeout: 120_000,
  }, async () => {
    const dir = withIntegration("cli-exists");
    const main = join(dir, "integrations/acme/acme.ts");
    writeFileSync(main, "// my work\n");
    const result = await runCapkit(
      ["generate", "--spec", exampleSpec, "--name", "acme", "--no-verify"],
      { cwd: dir },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/already holds a capkit integration.*--force/s);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(readFileSync(main, "utf8")).toBe("// my work\n");
  });

  it.each([
    [
      "an invalid name",
      ["--spec", exampleSpec, "--name", "Not Valid!"],
      /service name "Not Valid!" is not valid/,
    ],
    [
      "an unknown operation",
      ["--spec", exampleSpec, "--name", "acme", "--operations", "listHostz"],
      /listHostz.*listHosts/s,
    ],
    [
      "a missing spec file",
      ["--spec", "does/not/exist.yaml", "--name", "acme"],
      /does\/not\/exist\.yaml/,
    ],
    [
      "an unknown auth kind",
      ["--spec", exampleSpec, "--name", "acme", "--auth", "magic"],
      /--auth "magic" is not one of/,
    ],
    [
      "a bad record kind",
      ["--spec", exampleSpec, "--name", "acme", "--kinds", "listHosts=host"],
      /--kinds: "host" is not a record kind/,
    ],
    [
      "an override for an unselected operation",
      ["--spec", exampleSpec, "--name", "acme", "--pagination", "getHost=none"],
      /--pagination names "getHost", which is not among the selected/,
    ],
  ])("rejects %s with one paragraph, no stack, nothing written", async (_name, args, message) => {
    const dir = scratchDir("cli-bad");
    const result = await runCapkit(["generate", ...args, "--no-verify"], { cwd: dir });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(join(dir, "integrations"))).toBe(false);
  });

  it("without a terminal and without --yes, names the missing flags", async () => {
    const dir = scratchDir("cli-no-tty");
    const result = await runCapkit(["generate"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--spec <path\|url> and --name <service>, or --yes/);
  });

  it("writes nothing when the folder cannot be created", async () => {
    const dir = scratchDir("cli-unwritable");
    writeFileSync(join(dir, "integrations"), "a file, not a folder");
    const result = await runCapkit(
      ["generate", "--spec", exampleSpec, "--name", "acme", "--no-verify"],
      { cwd: dir },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/Nothing was written/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("capkit generate > a scheme no client could use", () => {
  it("refuses an API-key header name that is not an HTTP token, naming the scheme", async () => {
    const dir = scratchDir("cli-bad-header");
    const spec = join(dir, "bad-header.yaml");
    writeFileSync(
      spec,
      readFileSync(exampleSpec, "utf8").replace(
        "    bearerAuth:\n      type: http\n      scheme: bearer",
        '    bearerAuth:\n      type: apiKey\n      in: header\n      name: "X-Key */ oops"',
      ),
    );
    const result = await runCapkit(["generate", "--spec", spec, "--name", "acme", "--no-verify"], {
      cwd: dir,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/"X-Key \*\/ oops", which is not a valid HTTP header name/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(join(dir, "integrations"))).toBe(false);
  });
});
