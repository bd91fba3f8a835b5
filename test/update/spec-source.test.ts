import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate/index.js";
import {
  looksSecret,
  recordedSource,
  resolveRecordedSource,
} from "../../src/generate/spec-source.js";
import { scratchDir } from "../helpers/scratch.js";
import { copyFixture } from "./helpers.js";

describe("the manifest's spec source", () => {
  const relativeCases: [string, string, string, string][] = [
    // given, from cwd, recorded, read back as
    ["specs/acme.yaml", "/repo", "../../specs/acme.yaml", "/repo/specs/acme.yaml"],
    ["/repo/specs/acme.yaml", "/elsewhere", "../../specs/acme.yaml", "/repo/specs/acme.yaml"],
    ["./acme.yaml", "/repo/integrations/acme", "acme.yaml", "/repo/integrations/acme/acme.yaml"],
  ];
  it.each(relativeCases)(
    "%s from %s is recorded relative to the integration folder",
    (input, cwd, want, back) => {
      const out = "/repo/integrations/acme";
      expect(recordedSource(input, out, cwd)).toEqual({ source: want, redacted: [] });
      expect(resolveRecordedSource(want, out)).toBe(back);
    },
  );

  it.each([
    [
      "user-info",
      "https://bob:hunter2@api.example.com/openapi.json",
      "https://api.example.com/openapi.json",
      [],
    ],
    [
      "a token",
      "https://api.example.com/openapi.json?token=abc&version=2",
      "https://api.example.com/openapi.json?version=2",
      ["token"],
    ],
    [
      "a signed URL",
      "https://b.example/o.json?X-Amz-Signature=s&X-Amz-Credential=c&X-Amz-Date=d",
      "https://b.example/o.json?X-Amz-Date=d",
      ["X-Amz-Signature", "X-Amz-Credential"],
    ],
    [
      "an api key and a fragment",
      "https://api.example.com/spec?apiKey=k&format=yaml#top",
      "https://api.example.com/spec?format=yaml",
      ["apiKey"],
    ],
  ])("a URL with %s keeps no credential", (_, input, want, redacted) => {
    const recorded = recordedSource(input, "/repo/integrations/acme", "/repo");
    expect(recorded).toEqual({ source: want, redacted });
    expect(resolveRecordedSource(recorded.source, "/anywhere")).toBe(want);
  });

  it.each([
    ["access_token", true],
    ["api-key", true],
    ["X-Amz-Signature", true],
    ["sig", true],
    ["code", true],
    ["version", false],
    ["format", false],
    ["page", false],
    ["keyword", false],
  ])("%s looks secret: %s", (key, secret) => {
    expect(looksSecret(key)).toBe(secret);
  });
});

describe("the manifest is stable", () => {
  it("the same spec as a relative and an absolute path, from two folders, gives the same manifest", {
    timeout: 120_000,
  }, async () => {
    const root = scratchDir("update-stable");
    const spec = copyFixture("scanhub-v1.yaml", join(root, "specs/scanhub.yaml"));
    const out = join(root, "integrations/scanhub");
    mkdirSync(join(root, "elsewhere/deeper"), { recursive: true });
    const manifests: string[] = [];
    for (const [cwd, given] of [
      [root, "specs/scanhub.yaml"],
      [join(root, "elsewhere/deeper"), spec],
    ] as const) {
      await generate({ spec: given, name: "scanhub", out, cwd, force: true, verify: false });
      manifests.push(readFileSync(join(out, ".capkit.json"), "utf8"));
    }
    expect(manifests[1]).toBe(manifests[0]);
    expect(JSON.parse(manifests[0] ?? "{}").spec.source).toBe("../../specs/scanhub.yaml");
  });
});
