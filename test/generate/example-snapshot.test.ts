import { describe, expect, it } from "vitest";
import { emitIntegration } from "../../src/emit/index.js";
import { formatFiles } from "../../src/generate/format.js";
import { buildModel } from "../../src/model/index.js";
import { loadSpec } from "../../src/openapi/index.js";
import { exampleSpec } from "../helpers/scratch.js";

async function emitExample() {
  const spec = await loadSpec(exampleSpec);
  // The source is the repo-relative path so the manifest does not depend on the checkout folder.
  const model = buildModel(
    { ...spec, source: "examples/specs/vulnscan.yaml" },
    { name: "vulnscan" },
  );
  return emitIntegration(model, { format: formatFiles, version: "0.0.0-snapshot" });
}

describe("generate > the bundled example", () => {
  it("matches the golden files", { timeout: 60_000 }, async () => {
    const files = await emitExample();
    expect(files.map((f) => f.path)).toEqual([
      "vulnscan.ts",
      "vulnscan_transform.ts",
      "vulnscan.test.ts",
      "vulnscan_transform.test.ts",
      "vulnscan_mock.ts",
      "vulnscan_client.ts",
      "vulnscan_types.ts",
      "vulnscan_samples.ts",
      ".capkit.json",
    ]);
    for (const file of files) {
      await expect(file.content).toMatchFileSnapshot(`__snapshots__/vulnscan/${file.path}.snap`);
    }
  });

  it("is byte-identical from one run to the next", { timeout: 60_000 }, async () => {
    const [a, b] = [await emitExample(), await emitExample()];
    expect(b).toEqual(a);
  });

  it("marks generated files and leaves hand-owned ones unmarked", { timeout: 60_000 }, async () => {
    for (const file of await emitExample()) {
      if (!file.path.endsWith(".ts")) continue;
      expect(file.content.includes("@generated"), file.path).toBe(file.owner === "generated");
    }
  });
});
