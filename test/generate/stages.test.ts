// The stage events `capkit generate` prints on a terminal, from generate() itself (a dry run: the
// written and verified stages are the plop test's, with the same text).
import { describe, expect, it } from "vitest";
import { printStage } from "../../src/cli/generate-report.js";
import { generate } from "../../src/generate/index.js";
import type { StageEvent } from "../../src/generate/stages.js";
import { exampleSpec, scratchDir } from "../helpers/scratch.js";

describe("generate > stages", () => {
  it("reports loading and generating with their counts, and prints them one line each", {
    timeout: 60_000,
  }, async () => {
    const events: StageEvent[] = [];
    await generate({
      spec: exampleSpec,
      name: "acme",
      cwd: scratchDir("stages"),
      dryRun: true,
      onProgress: (e) => events.push(e),
    });
    expect(events).toEqual([
      { stage: "load", status: "start", text: `loading ${exampleSpec}` },
      {
        stage: "load",
        status: "done",
        text: "loaded VulnScan API 2.4.0: 5 operations, 2 selected",
      },
      { stage: "generate", status: "start", text: "generating 2 operations (bearer auth)" },
    ]);
    const lines: string[] = [];
    for (const e of events) printStage({ write: (t: string) => lines.push(t) })(e);
    expect(lines.join("")).toBe(
      `loading ${exampleSpec}…\n✔ loaded VulnScan API 2.4.0: 5 operations, 2 selected\ngenerating 2 operations (bearer auth)…\n`,
    );
  });
});
