/**
 * Bad input to `capkit update`: a clear message naming the place, a non-zero exit, no stack trace,
 * and nothing written (the whole folder, `.capkit/` included, byte for byte).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCapkit, STACK_FRAME } from "../helpers/capkit-cli.js";
import { scratchDir } from "../helpers/scratch.js";
import { generateScanhub, snapshotTree } from "./helpers.js";

let root: string;

beforeAll(async () => {
  root = scratchDir("update-bad-input");
  const generated = await generateScanhub(root, { fixture: "scanhub-v1.yaml", out: "template" });
  expect(generated.exitCode, generated.all).toBe(0);
}, 120_000);

/** A fresh copy of the generated integration, broken by `spoil`. */
function integration(name: string, spoil: (dir: string) => void): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const [path, text] of Object.entries(snapshotTree(join(root, "template")))) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  spoil(dir);
  return dir;
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, ".capkit.json"), "utf8"));
const setManifest = (dir: string, change: (m: Record<string, unknown>) => void) => {
  const m = manifestOf(dir);
  change(m);
  writeFileSync(join(dir, ".capkit.json"), JSON.stringify(m, null, 2));
};

describe("capkit update: bad input", () => {
  it.each<[string, (dir: string) => void, RegExp, string[]]>([
    [
      "a folder without a manifest",
      (dir) => rmSync(join(dir, ".capkit.json")),
      /holds no \.capkit\.json/,
      [],
    ],
    [
      "a manifest from a newer capkit",
      (dir) => setManifest(dir, (m) => (m.capkit = "99.0.0")),
      /written by capkit 99\.0\.0, newer than this capkit/,
      [],
    ],
    [
      "a manifest that is not one",
      (dir) => setManifest(dir, (m) => (m.operations = "listHosts")),
      /not a capkit manifest: .* at #\/operations/,
      [],
    ],
    [
      "a spec source that is gone",
      (dir) =>
        setManifest(dir, (m) => ((m.spec as { source: string }).source = "../spec/moved.yaml")),
      /The spec recorded in .*\.capkit\.json \(\.\.\/spec\/moved\.yaml\) could not be loaded: .*--spec/,
      [],
    ],
    [
      "a spec that no longer parses",
      (dir) =>
        setManifest(dir, (m) => ((m.spec as { source: string }).source = "../spec/broken.yaml")),
      /broken\.yaml.*(YAML|line)/s,
      [],
    ],
    [
      "a hand edit in a generated file",
      (dir) =>
        writeFileSync(
          join(dir, "scanhub_client.ts"),
          `${readFileSync(join(dir, "scanhub_client.ts"), "utf8")}// mine\n`,
        ),
      /scanhub_client\.ts was edited by hand .*--force/,
      [],
    ],
    ["webhook events (no receiver kind yet)", () => {}, /--add-events/, ["--add-events", "push"]],
  ])("%s", { timeout: 60_000 }, async (name, spoil, message, extra) => {
    writeFileSync(join(root, "spec/broken.yaml"), "openapi: 3.0.0\ninfo: [unclosed\n");
    const dir = integration(name.replace(/\W+/g, "-"), spoil);
    const before = snapshotTree(dir);
    for (const mode of [[], ["--check"]]) {
      if (name.includes("hand edit") && mode.length > 0) continue; // --check writes nothing anyway
      const result = await runCapkit(["update", dir, ...mode, ...extra], { cwd: root });
      // 1 and 3 are answers (breaking, conflicts); input that stops the run is 2
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(snapshotTree(dir)).toEqual(before);
    }
  });

  it("a hand edit in a generated file is overwritten with --force, and named", {
    timeout: 120_000,
  }, async () => {
    const dir = integration("forced", (d) =>
      writeFileSync(
        join(d, "scanhub_types.ts"),
        `${readFileSync(join(d, "scanhub_types.ts"), "utf8")}// mine\n`,
      ),
    );
    const result = await runCapkit(["update", dir, "--force", "--no-verify"], { cwd: root });
    expect(result.exitCode, result.all).toBe(0);
    expect(readFileSync(join(dir, "scanhub_types.ts"), "utf8")).not.toContain("// mine");
  });
});
