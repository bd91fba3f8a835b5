// biome-ignore-all lint/suspicious/noTemplateCurlyInString: hostile spec text holds `${` on purpose
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { doctor, progressReporter } from "../../src/cli/doctor.js";
import { fixture } from "./helpers.js";

const bin = new URL("../../bin/capkit.js", import.meta.url).pathname;
const env = { ...process.env, NODE_OPTIONS: "", NO_COLOR: "1" };

describe("capkit doctor", () => {
  it("prints title, servers, schemes, operations by tag, lists, the validation call and warnings", async () => {
    const text = await doctor(fixture("scanhub-swagger2.yaml"));
    for (const part of [
      "ScanHub Vulnerability API 2.3.1",
      "converted from Swagger 2.0",
      "https://api.scanhub.example/v2",
      "ApiKeyAuth: apiKey header X-ScanHub-Key",
      "  findings\n    GET    /findings  listFindings list risk default",
      "listHosts: asset, records at hosts, pagination page page + per_page",
      "listFindings: risk, records at data, pagination cursor cursor (query) → next_cursor",
      "Validation call: whoAmI — GET /whoami (identity endpoint)",
      "Warnings (0)",
    ]) {
      expect(text).toContain(part);
    }
  });

  it("--json gives a machine report with warnings", async () => {
    const report = JSON.parse(await doctor(fixture("hostile.yaml"), { json: true }));
    expect(report.defaultSelection.length).toBeGreaterThan(0);
    expect(
      report.lists.find((l: { operationId: string }) => l.operationId === "class")?.pagination
        .style,
    ).toBe("page");
    expect(report.warnings.map((w: { code: string }) => w.code)).toEqual(
      expect.arrayContaining(["DUPLICATE_OPERATION_ID", "MISSING_OPERATION_ID"]),
    );
  });

  it("shows control characters from the spec escaped, never raw", async () => {
    const text = await doctor(fixture("hostile.yaml"));
    expect(text).toContain("Evil */ `${process.exit(1)}`");
    expect(text).toContain("\\u000asecond line");
    // newline and ESC (colours, when on) are ours; the title's newline must come out as \u000a
    const raw = [...text].filter((c) => c.charCodeAt(0) < 32 && c !== "\n" && c !== "\u001b");
    expect(raw).toEqual([]);
  });

  it("says each document problem once", async () => {
    const report = JSON.parse(await doctor(fixture("threatjammer.json"), { json: true }));
    const codes = report.warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain("NO_SERVERS");
    expect(codes).not.toContain("NO_BASE_URL");
  });

  it("warns about a oneOf without a discriminator in the default selection", async () => {
    const report = JSON.parse(await doctor(fixture("1password-events.json"), { json: true }));
    expect(report.warnings.map((w: { code: string }) => w.code)).toContain(
      "ONEOF_WITHOUT_DISCRIMINATOR",
    );
    expect(report.validation.operationId).toBe("getAuthIntrospectV2");
  });

  it("runs from the bin and exits non-zero with one paragraph, no stack, on bad input", async () => {
    const good = await execa(
      "node",
      [bin, "doctor", fixture("multi-file/openapi.yaml"), "--json"],
      { env },
    );
    expect(JSON.parse(good.stdout).auth.kind).toBe("oauth2ClientCredentials");
    const bad = await execa("node", [bin, "doctor", fixture("nope.yaml")], { env, reject: false });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("nope.yaml");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it("shows progress only on a terminal, and clears it when done", () => {
    expect(progressReporter({ isTTY: false, write: () => true })).toBeUndefined();
    const written: string[] = [];
    const report = progressReporter({ isTTY: true, write: (t: string) => written.push(t) });
    report?.({ phase: "download", bytes: 2_500_000, total: 13_000_000 });
    report?.({ phase: "done" });
    expect(written[0]).toContain("loading: download 2.5 MB of 13.0 MB");
    expect(written[1]).toBe("\r\u001b[K");
  });
});
