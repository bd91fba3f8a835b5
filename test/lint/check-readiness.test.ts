// `capkit check` says "Ready for review" only on evidence: lint clean, no transform or
// checkAffiliation left throwing NotImplementedError, and the build and the tests run green.
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../src/generate/index.js";
import { fixtureSpec, scratchDir } from "../helpers/scratch.js";

const repo = new URL("../../", import.meta.url).pathname;
const bin = join(repo, "bin/capkit.js");
let dir: string;

interface Report {
  ok: boolean;
  testsRun: boolean;
  pending: { file: string; line: number; name: string }[];
  tests?: { tests: { ok: boolean } };
}

async function check(...flags: string[]) {
  const result = await execa("node", [bin, "check", relative(repo, dir), "--json", ...flags], {
    cwd: repo,
    env: { ...process.env, NODE_OPTIONS: "", NO_COLOR: "1" },
    reject: false,
  });
  return { exitCode: result.exitCode, report: JSON.parse(result.stdout) as Report };
}

function edit(file: string, from: RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  expect(text).toMatch(from);
  writeFileSync(path, text.replace(from, to));
}

const THROW = /throw new NotImplementedError\([\s\S]*?\);\n/;

describe("capkit check: ready only when nothing is left to write and the tests ran green", () => {
  beforeAll(async () => {
    dir = scratchDir("readiness/scanhub");
    await generate({
      spec: fixtureSpec("scanhub-swagger2.yaml"),
      name: "scanhub",
      out: dir,
      force: true,
      verify: false,
    });
  }, 60_000);

  it("as generated: names every function that still throws, and is not ready", async () => {
    const { exitCode, report } = await check();
    expect(report.pending.map((p) => p.name).sort()).toEqual([
      "checkAffiliation",
      "toFindingRisk",
      "toHostAsset",
    ]);
    expect(report.testsRun).toBe(false);
    expect(report.ok).toBe(false);
    expect(exitCode).toBe(1);
  }, 60_000);

  it("completed as the RED tests ask: lint clean, nothing pending, tests green, ready", async () => {
    edit(
      "scanhub_transform.ts",
      /import \{[^}]*\} from "@capkit\/runtime";/,
      'import { Asset, cvssToStatus, Risk, type RiskState } from "@capkit/runtime";',
    );
    edit(
      "scanhub_transform.ts",
      THROW,
      'return new Risk(host, record.cve, cvssToStatus(record.cvss, FINDING_STATE[record.state ?? ""] ?? "T"));\n',
    );
    edit(
      "scanhub_transform.ts",
      THROW,
      "return new Asset(record.hostname ?? record.ip, record.ip);\n",
    );
    edit("scanhub.ts", /\s+NotImplementedError,/, "");
    edit(
      "scanhub.ts",
      THROW,
      "for await (const host of this.client().listHosts()) if (toHostAsset(host).key === asset.key) return true;\nreturn false;\n",
    );
    const before = await check();
    expect(before.report.pending).toEqual([]);
    expect(before.report.testsRun).toBe(false);
    expect(before.exitCode).toBe(1);
    const after = await check("--run-tests");
    expect(after.report.tests?.tests.ok).toBe(true);
    expect(after.report.ok).toBe(true);
    expect(after.exitCode).toBe(0);
  }, 120_000);
});
