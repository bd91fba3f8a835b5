// What the generator emits must lint clean: a verbatim `capkit generate --yes --name vulnscan` (the
// bundled example spec) from the current templates (base-class sends, mock, transform tests), stored as .txt data. Regenerate it when the templates change.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { goodFiles, lintFiles } from "./helpers.js";

const GENERATED = fileURLToPath(new URL("./fixtures/generated/vulnscan/", import.meta.url));
const generated = () => goodFiles("integrations/vulnscan", GENERATED);

describe("the generator's output", () => {
  it("lints clean as generated (sends through the base class, private #client, samples and mock files)", async () => {
    expect((await lintFiles(generated())).diagnostics).toEqual([]);
  });

  it("a hand edit to its generated client is caught against its manifest", async () => {
    const files = generated();
    files["integrations/vulnscan/vulnscan_client.ts"] += "// tweak\n";
    const { diagnostics } = await lintFiles(files);
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`)).toEqual([
      "integrations/vulnscan/vulnscan_client.ts:1 generated-untouched",
    ]);
  });
});
