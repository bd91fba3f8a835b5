// The workspace package by name: resolves through node_modules/@capkit/runtime and its `exports` to
// the compiled dist/, which `npm test` builds first. This is exactly what generated integrations import.
import {
  Asset,
  BaseCapability,
  Integration,
  IntegrationError,
  paginate,
  Risk,
  registerCapability,
  verifyWebhook,
} from "@capkit/runtime";
import { execa } from "execa";
import { describe, expect, it } from "vitest";

describe("@capkit/runtime package export", () => {
  it("resolves the workspace package to its dist/ and exposes the public API", async () => {
    expect(import.meta.resolve("@capkit/runtime")).toMatch(/\/packages\/runtime\/dist\/index\.js$/);
    expect(typeof BaseCapability).toBe("function");
    expect(typeof registerCapability).toBe("function");
    expect(typeof paginate).toBe("function");
    expect(typeof verifyWebhook).toBe("function");
    expect(new IntegrationError("X", "m", { operation: "op", retryable: false })).toBeInstanceOf(
      Error,
    );
    expect(new Risk(new Asset("a.com", "a.com"), "r", "TH").key).toBe("#risk#a.com#r");
    expect(new Integration("acme", "v").key).toBe("#integration#acme#v");
  });

  it("imports from plain Node without the tsx loader (compiled JavaScript only)", async () => {
    const script = `import("@capkit/runtime").then((m) => console.log(Object.keys(m).sort().join(",")))`;
    const { stdout } = await execa("node", ["--input-type=module", "-e", script], {
      env: { ...process.env, NODE_OPTIONS: "" },
      cwd: new URL("../..", import.meta.url).pathname,
    });
    for (const name of [
      "Asset",
      "BaseCapability",
      "IntegrationError",
      "Integration",
      "paginate",
      "Risk",
      "registerCapability",
      "verifyWebhook",
      "createHttp",
      "unwrap",
    ]) {
      expect(stdout.split(",")).toContain(name);
    }
  });
});
