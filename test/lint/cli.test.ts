// The compiled bin, as a commit hook or CI runs it: no tsx loader (NODE_OPTIONS cleared).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goodFiles } from "./helpers.js";

const bin = new URL("../../bin/capkit.js", import.meta.url).pathname;
const env = { ...process.env, NODE_OPTIONS: "", NO_COLOR: "1" };
let root: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

const run = (args: string[]) => execa("node", [bin, ...args], { cwd: root, env, reject: false });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "capkit-cli-"));
  for (const [path, content] of Object.entries(goodFiles())) write(path, content);
  for (const [path, content] of Object.entries(goodFiles("bad/acme"))) write(path, content);
  write("bad/acme/acme_helpers.ts", 'console.log("x");\n');
  write("warn/acme/acme.ts", `${Array.from({ length: 360 }, (_, i) => `// ${i}`).join("\n")}\n`);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("capkit lint (bin)", () => {
  it("lints the default integrations folder and exits 0 when clean", async () => {
    const result = await run(["lint"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe("✔ no problems in 5 files");
  });

  it("exits 1 with findings, printing file:line:col, the rule and the fix", async () => {
    const result = await run(["lint", "bad"]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      "bad/acme/acme_helpers.ts:1:1  no-secret-logging  console.log() bypasses the redacting logger\n  fix: ",
    );
  });

  it("--max-warnings turns warnings into a failing exit", async () => {
    const layout = ["--config", "warn.json"];
    write("warn.json", JSON.stringify({ rules: { "file-layout": "off", "extends-base": "off" } }));
    expect((await run(["lint", "warn", ...layout])).exitCode).toBe(0);
    expect((await run(["lint", "warn", ...layout, "--max-warnings", "0"])).exitCode).toBe(1);
    expect((await run(["lint", "warn", ...layout, "--max-warnings", "x"])).exitCode).toBe(2);
  });

  it("a config with an unknown key exits 2 naming the key, no stack", async () => {
    write("typo.json", JSON.stringify({ integrationDir: "x" }));
    const result = await run(["lint", "--config", "typo.json"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("integrationDir: unknown key");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a bad --format and a missing path are usage errors (exit 2)", async () => {
    expect((await run(["lint", "--format", "xml"])).exitCode).toBe(2);
    const missing = await run(["lint", "no/such/dir"]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe("capkit: no/such/dir: no such file or directory");
  });
});

describe("capkit check (bin)", () => {
  it("prints the checklist with ✅ for a complete integration and the line count of every file", async () => {
    const result = await run(["check", "integrations/acme"]);
    expect(result.stdout).toContain("✅ validate-credentials-first:");
    expect(result.stdout).toMatch(/\s59 lines {2}integrations\/acme\/acme\.ts/);
    // lint evidence alone is not readiness: the tests have not run
    expect(result.stdout).not.toContain("Ready for review");
    expect(result.stdout).toContain("Not ready: the build and the tests have not been run");
    expect(result.exitCode).toBe(1);
  });

  it("--json: ❌ items carry file:line evidence; exit 1", async () => {
    const result = await run(["check", "bad/acme", "--json"]);
    expect(result.exitCode).toBe(1);
    const list = JSON.parse(result.stdout) as {
      ok: boolean;
      rules: { id: string; ok: boolean; findings: { file: string; line: number }[] }[];
    };
    expect(list.ok).toBe(false);
    expect(list.rules.find((r) => r.id === "no-secret-logging")).toMatchObject({
      ok: false,
      findings: [{ file: "bad/acme/acme_helpers.ts", line: 1 }],
    });
    expect(list.rules.filter((r) => !r.ok).map((r) => r.id)).toEqual(["no-secret-logging"]);
  });

  it("a folder that does not exist exits 2", async () => {
    expect((await run(["check", "integrations/nope"])).exitCode).toBe(2);
  });
});
