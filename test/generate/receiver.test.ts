// The receiver kind end to end: golden files, determinism, every signature preset generated,
// type-checked and its tests run (plumbing green, only the transforms RED), hostile specs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitReceiver } from "../../src/emit/index.js";
import { formatFiles } from "../../src/generate/format.js";
import { generateReceiver } from "../../src/generate/receiver.js";
import { buildReceiverModel } from "../../src/model/receiver.js";
import { loadSpec } from "../../src/openapi/index.js";
import { runCapkit, STACK_FRAME } from "../helpers/capkit-cli.js";
import { scratchDir } from "../helpers/scratch.js";

const fixture = (name: string) => new URL(`../fixtures/webhooks/${name}`, import.meta.url).pathname;

async function emitAcme() {
  const spec = await loadSpec(fixture("acme-events.yaml"));
  const model = buildReceiverModel(
    { ...spec, source: "test/fixtures/webhooks/acme-events.yaml" },
    { name: "acme" },
  );
  return emitReceiver(model, { format: formatFiles, version: "0.0.0-snapshot" });
}

describe("generate > a receiver (acme-events.yaml, Standard Webhooks)", () => {
  it("matches the golden files, all under 400 lines", { timeout: 60_000 }, async () => {
    const files = await emitAcme();
    expect(files.map((f) => [f.path, f.owner])).toEqual([
      ["acme_webhook.ts", "hand"],
      ["acme_webhook_transform.ts", "hand"],
      ["acme_webhook.test.ts", "hand"],
      ["acme_webhook_types.ts", "generated"],
      ["acme_webhook_samples.ts", "generated"],
      [".capkit.json", "generated"],
    ]);
    for (const file of files) {
      expect(file.content.split("\n").length).toBeLessThan(400);
      await expect(file.content).toMatchFileSnapshot(
        `__snapshots__/acme-webhook/${file.path}.snap`,
      );
    }
  });

  it("is byte-identical from one run to the next", { timeout: 60_000 }, async () => {
    expect(await emitAcme()).toEqual(await emitAcme());
  });
});

const presets: [string, string, string[], number][] = [
  ["standard", "acme-events.yaml", [], 3],
  ["stripe", "billing-x-webhooks.yaml", ["invoice.*"], 2],
  ["github", "acme-events.yaml", ["finding.created"], 1],
  ["slack", "acme-events.yaml", ["finding.*"], 2],
  ["okta", "acme-events.yaml", ["hosts"], 1],
  ["hmac-sha256:X-Acme-Signature:base64", "acme-events.yaml", ["finding.resolved"], 1],
];

describe("generate > every signature preset compiles, plumbing green, transforms RED", () => {
  it.each(presets)("%s", { timeout: 180_000 }, async (signature, spec, events, red) => {
    const dir = scratchDir(`receiver-${signature.replace(/[^a-z0-9]/gi, "-")}`);
    const result = await generateReceiver({
      spec: fixture(spec),
      name: "acme",
      events,
      signature,
      out: join(dir, "acme-webhook"),
      cwd: dir,
    });
    const v = result.verification!;
    expect(v.build.output).toBe("");
    expect(v.build.ok).toBe(true);
    expect(v.tests.unexpected).toEqual([]);
    expect(v.tests.red).toBe(red);
    expect(v.tests.passed).toBeGreaterThanOrEqual(8);
    expect(v.ok).toBe(true);
  });
});

describe("generate > a hostile webhook description", () => {
  it("writes nothing from the spec as code: it compiles and its plumbing passes", {
    timeout: 180_000,
  }, async () => {
    const dir = scratchDir("receiver-hostile");
    const result = await generateReceiver({
      spec: fixture("hostile-webhooks.yaml"),
      name: "evil",
      signature: "github",
      events: ["*"],
      out: join(dir, "evil-webhook"),
      cwd: dir,
    });
    const v = result.verification!;
    expect(v.build.output).toBe("");
    expect(v.tests.unexpected).toEqual([]);
    expect(v.tests.red).toBe(2);
    expect(existsSync("/tmp/pwned")).toBe(false);
    const main = readFileSync(join(dir, "evil-webhook/evil_webhook.ts"), "utf8");
    expect(main).not.toMatch(/^\s*process\.exit/m);
  });
});

describe("capkit generate --events", () => {
  it("generates a receiver from the command line and reports like the pull kind", {
    timeout: 180_000,
  }, async () => {
    const dir = scratchDir("receiver-cli");
    const run = await runCapkit(
      [
        "generate",
        "--spec",
        fixture("billing-x-webhooks.yaml"),
        "--name",
        "billing",
        "--events",
        "invoice.paid",
        "--out",
        join(dir, "billing-webhook"),
      ],
      { cwd: dir },
    );
    expect(run.all).toContain("a receiver of 1 event(s), stripe signatures");
    expect(run.all).toMatch(/1 failing as expected \(RED/);
    expect(run.exitCode).toBe(0);
  });

  it.each([
    [
      ["--events", "invoice.pay"],
      /no webhook event, pattern match or tag "invoice.pay".*"invoice.paid"/s,
    ],
    [
      ["--events", "invoice.paid", "--signature", "rsa"],
      /--signature: "rsa" is not a signature scheme/,
    ],
  ])("refuses %j with a clear message and exit 2", { timeout: 60_000 }, async (flags, message) => {
    const run = await runCapkit([
      "generate",
      "--spec",
      fixture("billing-x-webhooks.yaml"),
      "--name",
      "billing",
      "--dry-run",
      ...flags,
    ]);
    expect(run.all).toMatch(message);
    expect(run.all).not.toMatch(STACK_FRAME);
    expect(run.exitCode).toBe(2);
  });

  it("tells a pull run on a webhook-only document to use --events", {
    timeout: 60_000,
  }, async () => {
    const run = await runCapkit([
      "generate",
      "--spec",
      fixture("billing-x-webhooks.yaml"),
      "--name",
      "billing",
      "--dry-run",
    ]);
    expect(run.all).toContain("--events");
    expect(run.exitCode).toBe(2);
  });
});
