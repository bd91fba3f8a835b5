// Proof on a real document (issue 14): GitHub's webhook description from @octokit/openapi-webhooks
// (OpenAPI 3.1, 261 events, 4.8 MB), five security events, GitHub signatures. It compiles, its
// plumbing tests pass, only the transforms are RED, and `capkit lint` finds nothing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCapkit } from "../helpers/capkit-cli.js";
import { scratchDir } from "../helpers/scratch.js";

const spec = new URL(
  "../../node_modules/@octokit/openapi-webhooks/generated/api.github.com.json",
  import.meta.url,
).pathname;
const EVENTS = [
  "code-scanning-alert/created",
  "code-scanning-alert/fixed",
  "secret-scanning-alert/created",
  "dependabot-alert/created",
  "dependabot-alert/dismissed",
];

describe("corpus > GitHub webhooks (@octokit/openapi-webhooks)", () => {
  it("generates a receiver that compiles, passes its plumbing, is RED only in its transforms, and lints clean", {
    timeout: 240_000,
  }, async () => {
    const dir = scratchDir("github-webhooks");
    const out = join(dir, "integrations/github-webhook");
    const run = await runCapkit(
      [
        "generate",
        "--spec",
        spec,
        "--name",
        "github",
        "--events",
        EVENTS.join(","),
        "--signature",
        "github",
        "--out",
        out,
        "--json",
      ],
      { cwd: dir },
    );
    const report = JSON.parse(run.stdout) as {
      status: string;
      summary: string;
      verification: { tests_passed: boolean; build_success: boolean };
    };
    expect(report.verification).toEqual({
      ...report.verification,
      build_success: true,
      tests_passed: true,
    });
    expect(report.summary).toMatch(/build ok, 1\d passed, 5 failing as expected \(RED\)/);
    expect(report.status).toBe("complete");
    expect(run.exitCode).toBe(0);

    const files = readdirSync(out).sort();
    expect(files).toEqual([
      ".capkit.json",
      "github_webhook.test.ts",
      "github_webhook.ts",
      "github_webhook_samples.ts",
      "github_webhook_transform.ts",
      "github_webhook_types.ts",
    ]);
    for (const file of files)
      expect(readFileSync(join(out, file), "utf8").split("\n").length).toBeLessThan(400);
    // the routes GitHub's deliveries are told apart by: X-GitHub-Event and the payload's action
    const types = readFileSync(join(out, "github_webhook_types.ts"), "utf8");
    expect(types).toContain('"x-github-event": "dependabot_alert"');
    // state changes map to the platform's risk states: fixed → R, dismissed → I
    const test = readFileSync(join(out, "github_webhook.test.ts"), "utf8");
    expect(test).toMatch(/toCodeScanningAlertFixedRisk[\s\S]*?"R[ILMHC]"/);
    expect(test).toMatch(/toDependabotAlertDismissedRisk[\s\S]*?"I[ILMHC]"/);

    const lint = await runCapkit(["lint", out], { cwd: dir });
    expect(lint.all).toContain("no problems");
    expect(lint.exitCode).toBe(0);
  });
});
