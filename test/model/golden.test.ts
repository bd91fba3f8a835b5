import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/index.js";
import { loadSpec } from "../../src/openapi/index.js";
import { fixture } from "../openapi/helpers.js";

/**
 * Whole models for the small documents, as golden files: any change in naming, pagination, samples
 * or pruning shows up as a reviewable diff. The source path is made relative so the files do not
 * depend on where the repository is checked out.
 */
const GOLDEN: [string, string][] = [
  ["scanhub-swagger2.yaml", "scanhub"],
  ["multi-file/openapi.yaml", "edgeguard"],
  ["1password-events.json", "onepassword-events"],
  ["hostile.yaml", "hostile"],
];

describe.each(GOLDEN)("golden model > %s", (file, name) => {
  it("matches its golden file", async () => {
    const model = buildModel(await loadSpec(fixture(file)), { name });
    const text = `${JSON.stringify({ ...model, source: file }, null, 2)}\n`;
    await expect(text).toMatchFileSnapshot(`__snapshots__/${name}.model.json`);
  });
});
