import { execa } from "execa";
import { describe, expect, it } from "vitest";

const bin = new URL("../../bin/capkit.js", import.meta.url).pathname;
// The bin must work without the tsx loader that .npmrc adds to npm scripts.
const env = { ...process.env, NODE_OPTIONS: "" };

describe("capkit bin", () => {
  it("prints its version from package.json", async () => {
    const { stdout, exitCode } = await execa("node", [bin, "--version"], { env });
    expect(exitCode).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("prints help that names the tool", async () => {
    const { stdout } = await execa("node", [bin, "--help"], { env });
    expect(stdout).toContain("Usage: capkit");
  });

  it("exits 2 on an unknown option, without a stack trace", async () => {
    const result = await execa("node", [bin, "--no-such-flag"], { env, reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown option");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
