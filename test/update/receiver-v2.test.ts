/**
 * Issue 13 for the receiver kind: Watchtower's webhooks v1 generated and completed by hand, then v2
 * arrives (a payload field the transform reads renamed, a new enum value, an event added, one
 * removed). One generation is shared: each test works on its own copy (spec folder included).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../src/emit/manifest.js";
import { update } from "../../src/update/index.js";
import { conflictsOf, updateExitCode } from "../../src/update/output.js";
import { runCapkit, STACK_FRAME } from "../helpers/capkit-cli.js";
import { scratchDir } from "../helpers/scratch.js";
import { copyFixture, copyTree, handWrittenKept, snapshotTree, updateFixture } from "./helpers.js";

const MAIN = "watchtower_webhook.ts";
const TRANSFORM = "watchtower_webhook_transform.ts";
const TEST = "watchtower_webhook.test.ts";
const HAND = [MAIN, TRANSFORM, TEST];

let root: string;
/** The hand-owned files as capkit generated them from v1. */
let generated: Record<string, string>;

const readAll = (dir: string) =>
  Object.fromEntries(HAND.map((f) => [f, readFileSync(join(dir, f), "utf8")]));

/** `fn`'s generated `throw new NotImplementedError(…);` statement replaced by `body`. */
function implement(text: string, fn: string, body: string): string {
  const start = text.indexOf(`export function ${fn}(`);
  const from = text.indexOf("  throw new NotImplementedError(", start);
  const to = text.indexOf(");\n", from) + 3;
  if (start === -1 || from === -1) throw new Error(`${fn} is not as generated`);
  return text.slice(0, from) + body + text.slice(to);
}

/** What an engineer does after generating v1: both transforms, a line in a handler, a test. */
function complete(dir: string): void {
  const edit = (file: string, change: (text: string) => string) =>
    writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));
  edit(TRANSFORM, (text) => {
    let out = text.replace(
      /import \{[^}]*\} from "@capkit\/runtime";/,
      'import { Asset, type Integration, Risk } from "@capkit/runtime";',
    );
    out = implement(
      out,
      "toAlertOpenedRisk",
      '  // the vendor\'s severity decides how loud the risk is\n  const status = event.severity === "high" ? "TH" : "TM";\n  return new Risk(target, event.cve, status);\n',
    );
    return implement(
      out,
      "toAssetSeenAsset",
      "  return new Asset(event.hostname, event.hostname);\n",
    );
  });
  edit(MAIN, (text) =>
    text.replace(
      "  onAlertOpened(event: AlertOpenedEvent): void {\n",
      "  onAlertOpened(event: AlertOpenedEvent): void {\n    // alerts arrive within seconds of the scan: no batching\n",
    ),
  );
  edit(
    TEST,
    (text) => `${text}
describe("watchtower: the engineer's own", () => {
  it("maps a high alert to a high risk", () => {
    const event = AlertOpenedEvent.parse({ ...samples.alertOpenedSample, severity: "high" });
    expect(toAlertOpenedRisk(event, target).status).toBe("TH");
  });
});
`,
  );
}

/** A copy of the completed v1 receiver with its own spec folder, the spec at `version`. */
function copyOf(name: string, version: "v1" | "v2" = "v1"): string {
  const base = copyTree(join(root, "template"), join(root, name));
  if (version === "v2") copyFixture("watchtower-v2.yaml", join(base, "spec/watchtower.yaml"));
  return join(base, "watchtower");
}

beforeAll(async () => {
  root = scratchDir("update-receiver");
  copyFixture("watchtower-v1.yaml", join(root, "template/spec/watchtower.yaml"));
  const run = await runCapkit(
    [
      ...["generate", "--spec", "spec/watchtower.yaml", "--name", "watchtower"],
      ...["--events", "alert.opened,asset.seen", "--out", "watchtower", "--no-verify"],
    ],
    { cwd: join(root, "template") },
  );
  expect(run.exitCode, run.all).toBe(0);
  const dir = join(root, "template/watchtower");
  generated = readAll(dir);
  complete(dir);
}, 120_000);

describe("capkit update on a receiver: Watchtower v1 → v2", () => {
  it("reports, merges, adds RED, keeps every hand-written line, and points tsc at the field", {
    timeout: 240_000,
  }, async () => {
    const dir = copyOf("scenario", "v2");
    const cwd = join(dir, "..");
    const mine = readAll(dir);
    const before = snapshotTree(dir);

    // the nightly check: breaking, grouped by event, nothing written
    const check = await runCapkit(["update", "watchtower", "--check", "--json"], { cwd });
    expect(check.exitCode, check.all).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.verdict).toBe("breaking");
    expect(report.operations).toBeUndefined();
    expect(report.events["alert.opened"]).toContainEqual(
      expect.objectContaining({
        id: "payload-property-renamed",
        breaking: true,
        message: expect.stringContaining("cve → cve_id"),
      }),
    );
    expect(report.events["alert.opened"]).toContainEqual(
      expect.objectContaining({
        id: "payload-property-enum-value-added",
        message: expect.stringContaining('"critical"'),
      }),
    );
    expect(report.events["asset.seen"]).toContainEqual(
      expect.objectContaining({ id: "event-removed", breaking: true }),
    );

    // a dry run shows the new event's code and writes nothing
    const dry = await runCapkit(
      ["update", "watchtower", "--add-events", "alert.closed", "--dry-run"],
      { cwd },
    );
    expect(dry.exitCode, dry.all).toBe(0);
    expect(dry.stdout).toContain("+export function toAlertClosedRisk(");
    expect(snapshotTree(dir)).toEqual(before);

    const run = await runCapkit(
      ["update", "watchtower", "--add-events", "alert.closed", "--json"],
      { cwd },
    );
    expect(run.stderr).not.toMatch(STACK_FRAME);
    // the build fails on purpose: the transform reads a field v2 renamed
    expect(run.exitCode, run.all).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      status: "updated",
      kind: "receiver",
      added: ["alert.closed"],
      removed: ["asset.seen"],
      conflicts: [],
    });

    const after = readAll(dir);
    for (const file of HAND)
      expect(
        handWrittenKept(generated[file] ?? "", mine[file] ?? "", after[file] ?? ""),
        file,
      ).toEqual([]);

    // the new event arrived RED, in every hand-owned file; the removed one's code stayed
    const transform = after[TRANSFORM] ?? "";
    expect(transform).toMatch(
      /export function toAlertClosedRisk\(event: AlertClosedEvent, target: Integration\): Risk \{\n\s+throw new NotImplementedError\(/,
    );
    expect(transform).toContain("  return new Asset(event.hostname, event.hostname);");
    expect(after[MAIN]).toContain(
      '"alert.closed": on(AlertClosedEvent, (event) => this.onAlertClosed(event)),',
    );
    expect(after[MAIN]).toContain("  onAlertClosed(event: AlertClosedEvent): void {");
    expect(after[MAIN]).toContain('"asset.seen": on(AssetSeenEvent');
    expect(after[TEST]).toContain('it("toAlertClosedRisk: the alert.closed delivery sends a Risk"');
    expect(result.verification.tests_red).toBe(1);
    expect(result.verification.tests_unexpected.join()).not.toContain("toAlertClosedRisk");

    // tsc points at the transform line that reads the renamed field
    const line = transform.split("\n").findIndex((l) => l.includes("event.cve,")) + 1;
    expect(line).toBeGreaterThan(0);
    expect(result.compileErrors).toContainEqual(
      expect.objectContaining({ file: TRANSFORM, function: "toAlertOpenedRisk", line }),
    );

    // the manifest moved on; the next check compares against v2
    const manifest = JSON.parse(readFileSync(join(dir, ".capkit.json"), "utf8"));
    const v2 = readFileSync(updateFixture("watchtower-v2.yaml"));
    expect(manifest).toMatchObject({
      kind: "receiver",
      events: ["alert.opened", "alert.closed"],
      options: { signature: "standard" },
      spec: { version: "2.0.0", sha256: createHash("sha256").update(v2).digest("hex") },
    });
    const again = await runCapkit(["update", "watchtower", "--check"], { cwd });
    expect(again.exitCode, again.all).toBe(0);
  });

  it("round trip: an update with an unchanged spec changes nothing", {
    timeout: 120_000,
  }, async () => {
    const dir = copyOf("same");
    const before = snapshotTree(dir);
    const run = await runCapkit(["update", "watchtower"], { cwd: join(dir, "..") });
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout).toContain("up to date");
    expect(snapshotTree(dir)).toEqual(before);
    const check = await runCapkit(["update", "watchtower", "--check"], { cwd: join(dir, "..") });
    expect(check.exitCode, check.all).toBe(0);
  });

  it("a line both sides changed is a listed conflict; the picker's events arrive", {
    timeout: 120_000,
  }, async () => {
    const dir = copyOf("conflict", "v2");
    // v2 changes the header's spec version; the engineer rewrote that line too
    const main = join(dir, MAIN);
    writeFileSync(
      main,
      readFileSync(main, "utf8").replace(
        /Generated by capkit .* this file is yours now\./,
        "Written by the detection team; generated long ago.",
      ),
    );
    let offered: string[] = [];
    const result = await update({
      dir: "watchtower",
      cwd: join(dir, ".."),
      verify: false,
      pickEvents: async (candidates) => {
        offered = candidates.map((c) => c.eventId);
        return ["alert.closed"];
      },
    });
    expect(offered).toEqual(["alert.closed"]);
    expect(result.added).toEqual(["alert.closed"]);
    expect(conflictsOf(result)).toEqual([{ file: MAIN, line: expect.any(Number) }]);
    expect(updateExitCode(result)).toBe(1);
    expect(readFileSync(main, "utf8")).toMatch(
      /<<<<<<< yours\n(.*\n)?.*Written by the detection team.*\n=======\n(.*\n)?.*from Watchtower 2\.0\.0.*\n>>>>>>> capkit .* 2\.0\.0\n/,
    );
    expect(readFileSync(join(dir, TRANSFORM), "utf8")).toContain("function toAlertClosedRisk(");
  });

  it("--add-operations on a receiver is refused, exit 2, nothing written", {
    timeout: 60_000,
  }, async () => {
    const dir = copyOf("wrong-kind", "v2");
    const before = snapshotTree(dir);
    const run = await runCapkit(["update", "watchtower", "--add-operations", "listAlerts"], {
      cwd: join(dir, ".."),
    });
    expect(run.exitCode, run.all).toBe(2);
    expect(run.stderr).toMatch(/is a webhook receiver: .*--add-events/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe("capkit generate --events --force over a receiver: never clobber", () => {
  it("keeps the transform you wrote, replaces what you did not touch, writes beside on request", {
    timeout: 120_000,
  }, async () => {
    const dir = copyOf("force", "v2");
    const read = (file: string) => readFileSync(join(dir, file), "utf8");
    const mine = read(TRANSFORM);
    // the test file goes back to what capkit wrote: capkit may replace it
    writeFileSync(join(dir, TEST), generated[TEST] ?? "");
    const oldBase = read(`.capkit/base/${TRANSFORM}.base`);
    const forced = await runCapkit(
      [
        ...["generate", "--spec", "spec/watchtower.yaml", "--name", "watchtower"],
        ...["--events", "alert.opened", "--out", "watchtower", "--no-verify"],
        ...["--force", "--write-conflicts"],
      ],
      { cwd: join(dir, "..") },
    );
    expect(forced.exitCode, forced.all).toBe(0);
    expect(forced.stdout).toMatch(/watchtower_webhook_transform\.ts\s+\d+ lines\s+kept/);
    expect(read(TRANSFORM)).toBe(mine);
    expect(forced.stdout).toMatch(/watchtower_webhook\.ts\s+\d+ lines\s+kept/);
    expect(read(`${TRANSFORM}.capkit-new`)).toContain("cve_id");
    expect(read(TEST)).toContain("Watchtower");
    expect(read(TEST)).not.toContain("assetSeenSample");
    // the kept file still derives from the old base; the replaced ones from the new
    expect(read(`.capkit/base/${TRANSFORM}.base`)).toBe(oldBase);
    expect(read(`.capkit/base/${TEST}.base`)).toBe(read(TEST));
    const manifest = JSON.parse(read(".capkit.json"));
    expect(manifest.files[TRANSFORM].sha256).toBe(sha256(oldBase));
    expect(manifest.spec.source).toBe("../spec/watchtower.yaml");
    expect(JSON.parse(read(".capkit/spec.json")).webhooks["alert.opened"]).toBeDefined();
  });
});
