/**
 * Issue 13's scenario: ScanHub v1 generated and completed by hand, then v2 arrives (a renamed field
 * the transform reads, a new enum value, an operation added, one removed).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCapkit, STACK_FRAME } from "../helpers/capkit-cli.js";
import { scratchDir } from "../helpers/scratch.js";
import { copyFixture, generateScanhub, snapshotTree, updateFixture } from "./helpers.js";

const HAND = ["scanhub.ts", "scanhub_transform.ts", "scanhub.test.ts"];

/** What an engineer does after generating v1: every transform written, a line of their own in invoke(). */
function complete(dir: string): void {
  const edit = (file: string, pairs: [string, string][]) => {
    let text = readFileSync(join(dir, file), "utf8");
    for (const [from, to] of pairs) {
      if (!text.includes(from)) throw new Error(`${file} no longer holds ${JSON.stringify(from)}`);
      text = text.replace(from, to);
    }
    writeFileSync(join(dir, file), text);
  };
  edit("scanhub_transform.ts", [
    [
      /import \{[^}]*\} from "@capkit\/runtime";/.exec(
        readFileSync(join(dir, "scanhub_transform.ts"), "utf8"),
      )?.[0] ?? "",
      'import { Asset, Attribute, cvssToStatus, type Integration, Risk } from "@capkit/runtime";',
    ],
    [throwOf("toHostAsset", dir), "  return new Asset(record.hostname ?? record.ip, record.ip);"],
    [
      throwOf("toFindingRisk", dir),
      "  // the platform closes fixed and accepted findings itself\n  return new Risk(target, record.cve, cvssToStatus(record.cvss));",
    ],
    [throwOf("toScanAttribute", dir), '  return new Attribute("scan", record.id, target);'],
  ]);
  const test = join(dir, "scanhub.test.ts");
  writeFileSync(
    test,
    `${readFileSync(test, "utf8")}
describe("scanhub: the engineer's own", () => {
  it("names a host without a hostname by its address", () => {
    expect(toHostAsset(HostRecord.parse({ id: "h-9", ip: "203.0.113.9" })).dns).toBe("203.0.113.9");
  });
});
`,
  );
  edit("scanhub.ts", [
    [
      "    const client = this.client();\n",
      '    const client = this.client();\n    this.log.info("scanhub: pulling hosts, findings and scans");\n',
    ],
  ]);
}

/** The `throw new NotImplementedError(…);` statement of one transform, as generated. */
function throwOf(name: string, dir: string): string {
  const text = readFileSync(join(dir, "scanhub_transform.ts"), "utf8");
  const start = text.indexOf(`export function ${name}(`);
  const from = text.indexOf("  throw new NotImplementedError(", start);
  const to = text.indexOf(");\n", from) + 2;
  return text.slice(from, to);
}

/** Lines the engineer wrote (in `mine`, not in `generated`), in order and unchanged in `updated`. */
function handWrittenKept(generated: string, mine: string, updated: string): string[] {
  const lines = updated.split("\n");
  const ours = mine.split("\n").filter((l) => !generated.split("\n").includes(l));
  const missing: string[] = [];
  let at = 0;
  for (const line of ours) {
    const found = lines.indexOf(line, at);
    if (found === -1) missing.push(line);
    else at = found + 1;
  }
  expect(ours.length).toBeGreaterThan(0);
  return missing;
}

async function generateV1(name: string) {
  const root = scratchDir(name);
  const generated = await generateScanhub(root, {
    fixture: "scanhub-v1.yaml",
    operations: ["listHosts", "listFindings", "listScans"],
  });
  expect(generated.exitCode, generated.all).toBe(0);
  const dir = join(root, "scanhub");
  const v1 = Object.fromEntries(HAND.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
  complete(dir);
  return { root, dir, v1 };
}

describe("capkit update: ScanHub v1 → v2", () => {
  it("reports, merges, adds RED, keeps every hand-written line, and points tsc at the field", {
    timeout: 240_000,
  }, async () => {
    const { root, dir, v1 } = await generateV1("update-scanhub-v2");
    const mine = Object.fromEntries(HAND.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    copyFixture("scanhub-v2.yaml", join(root, "spec/scanhub.yaml"));

    // the nightly check: breaking, nothing written
    const before = snapshotTree(dir);
    const check = await runCapkit(["update", "scanhub", "--check", "--json"], { cwd: root });
    expect(check.exitCode, check.all).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.verdict).toBe("breaking");
    expect(report.operations.listHosts).toContainEqual(
      expect.objectContaining({
        id: "response-property-renamed",
        breaking: true,
        message: expect.stringContaining("hosts[].hostname → hosts[].fqdn"),
      }),
    );
    expect(report.operations.listFindings).toContainEqual(
      expect.objectContaining({
        id: "response-property-enum-value-added",
        breaking: true,
        message: expect.stringContaining('"reopened"'),
      }),
    );
    expect(report.operations.listScans).toContainEqual(
      expect.objectContaining({ id: "api-removed", breaking: true }),
    );
    expect(snapshotTree(dir)).toEqual(before);

    const run = await runCapkit(
      ["update", "scanhub", "--add-operations", "listContainers", "--json"],
      { cwd: root },
    );
    expect(run.stderr).not.toMatch(STACK_FRAME);
    const result = JSON.parse(run.stdout);
    // the build fails on purpose: the transform reads a field v2 renamed
    expect(run.exitCode, run.all).toBe(1);
    expect(result).toMatchObject({
      status: "updated",
      added: ["listContainers"],
      removed: ["listScans"],
      conflicts: [],
    });

    const after = Object.fromEntries(HAND.map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    for (const file of HAND)
      expect(handWrittenKept(v1[file] ?? "", mine[file] ?? "", after[file] ?? ""), file).toEqual(
        [],
      );

    // the new operation arrived RED, the removed one's code stayed
    const transform = after["scanhub_transform.ts"] ?? "";
    expect(transform).toMatch(
      /export function toContainerAsset\(record: ContainerRecord\): Asset \{\n\s+throw new NotImplementedError\(/,
    );
    expect(after["scanhub.ts"]).toContain("for await (const record of client.listContainers()) {");
    expect(after["scanhub.test.ts"]).toContain(
      'it("toContainerAsset maps a listContainers record to an Asset"',
    );
    expect(transform).toContain('  return new Attribute("scan", record.id, target);');
    expect(result.verification.tests_red).toBe(1);
    expect(result.verification.tests_unexpected.join()).not.toContain("toContainerAsset");

    // tsc points at the transform line that reads the renamed field
    const line = transform.split("\n").findIndex((l) => l.includes("record.hostname")) + 1;
    expect(result.compileErrors).toContainEqual(
      expect.objectContaining({ file: "scanhub_transform.ts", function: "toHostAsset", line }),
    );

    // the manifest moved on; the next check compares against v2
    const manifest = JSON.parse(readFileSync(join(dir, ".capkit.json"), "utf8"));
    const v2 = readFileSync(updateFixture("scanhub-v2.yaml"));
    expect(manifest.spec).toMatchObject({
      version: "3.0.0",
      sha256: createHash("sha256").update(v2).digest("hex"),
    });
    expect(manifest.operations).toEqual(["listHosts", "listFindings", "listContainers"]);
    const again = await runCapkit(["update", "scanhub", "--check"], { cwd: root });
    expect(again.exitCode, again.all).toBe(0);
  });

  it("round trip: an update with an unchanged spec changes nothing", {
    timeout: 240_000,
  }, async () => {
    const { root, dir } = await generateV1("update-scanhub-same");
    const before = snapshotTree(dir);
    const run = await runCapkit(["update", "scanhub"], { cwd: root });
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout).toContain("up to date");
    expect(snapshotTree(dir)).toEqual(before);
    const check = await runCapkit(["update", "scanhub", "--check"], { cwd: root });
    expect(check.exitCode, check.all).toBe(0);
  });
});
