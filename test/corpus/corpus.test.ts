import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findDocuments, sample, serviceNames } from "../../src/corpus/find.js";
import { generateOne } from "../../src/corpus/generate-one.js";
import { runCorpus } from "../../src/corpus/run.js";
import { validateServiceName } from "../../src/model/names.js";
import { exampleSpec, scratchDir } from "../helpers/scratch.js";

const bin = new URL("../../bin/capkit.js", import.meta.url).pathname;

describe("corpus > finding documents", () => {
  it("finds OpenAPI and Swagger documents at any depth, not fragments or other files", () => {
    const dir = scratchDir("corpus-find");
    mkdirSync(join(dir, "nested/schemas"), { recursive: true });
    writeFileSync(join(dir, "a.json"), JSON.stringify({ openapi: "3.0.0", info: {}, paths: {} }));
    writeFileSync(join(dir, "nested/b.yaml"), "swagger: '2.0'\ninfo: {}\npaths: {}\n");
    writeFileSync(join(dir, "nested/schemas/host.yaml"), "type: object\nproperties: {}\n");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "x" }));
    expect(findDocuments(dir).map((p) => p.slice(dir.length + 1))).toEqual([
      "a.json",
      "nested/b.yaml",
    ]);
  });

  it("samples deterministically from a seed", () => {
    const items = Array.from({ length: 50 }, (_v, i) => i);
    expect(sample(items, 5, 7)).toEqual(sample(items, 5, 7));
    expect(sample(items, 5, 7)).not.toEqual(sample(items, 5, 8));
    expect(sample(items, 5, 7)).toHaveLength(5);
    expect(sample(items, 80, 1)).toEqual(items);
  });

  it("names each document with a valid, unique service name", () => {
    const names = serviceNames(
      ["/c/GitHub API.json", "/c/github-api.yaml", "/c/2fa.json", "/c/x/y.json"],
      "/c",
    );
    expect(names).toEqual(["github-api", "github-api-2", "fa", "x-y"]);
    for (const name of names) expect(validateServiceName(name)).toBeUndefined();
  });
});

describe("corpus > one document", () => {
  const fake = (dir: string, body: string) => {
    const path = join(dir, "fake-capkit.mjs");
    writeFileSync(path, body);
    return path;
  };

  it("sorts a capkit error as rejected, with its message", async () => {
    const dir = scratchDir("corpus-one");
    const outcome = await generateOne(
      fake(dir, 'console.error("capkit: the spec is bad at #/paths"); process.exit(1);'),
      "s",
      "x",
      dir,
      10_000,
    );
    expect(outcome).toMatchObject({ kind: "rejected", message: "the spec is bad at #/paths" });
  });

  it("sorts a stack trace, an internal error and a timeout as broken", async () => {
    const dir = scratchDir("corpus-one-broken");
    const crash = await generateOne(fake(dir, 'throw new Error("boom");'), "s", "x", dir, 10_000);
    expect(crash).toMatchObject({ kind: "broken" });
    expect(crash.kind === "broken" && crash.reason).toMatch(/stack trace/);
    const internal = await generateOne(
      fake(dir, 'console.error("capkit: internal error: x"); process.exit(70);'),
      "s",
      "x",
      dir,
      10_000,
    );
    expect(internal).toMatchObject({ kind: "broken" });
    const slow = await generateOne(fake(dir, "setTimeout(() => {}, 60_000);"), "s", "x", dir, 500);
    expect(slow).toMatchObject({ kind: "broken", reason: "timed out after 0.5 s" });
  });
});

describe("corpus > a small folder end to end", () => {
  it("classifies a good document ok and an invalid one rejected", {
    timeout: 120_000,
  }, async () => {
    const folder = scratchDir("corpus-folder");
    writeFileSync(
      join(folder, "good.yaml"),
      (await import("node:fs")).readFileSync(exampleSpec, "utf8"),
    );
    writeFileSync(join(folder, "bad.yaml"), "openapi: 3.0.0\ninfo: [unclosed\n");
    const report = await runCorpus({ folder, scratch: scratchDir("corpus-run"), bin, jobs: 2 });
    expect(report.documents.map((d) => [d.path, d.status])).toEqual([
      ["bad.yaml", "rejected"],
      ["good.yaml", "ok"],
    ]);
    expect(report.documents[0]!.reasons[0]).toMatch(/bad\.yaml/);
    expect(report.documents[1]).toMatchObject({ operations: 2, testsRed: 2 });
    expect(report.totals).toEqual({ documents: 2, ok: 1, rejected: 1, broken: 0 });
  });
});

describe("corpus > checking many integrations at once", () => {
  it("attributes each type error to its integration's folder", { timeout: 60_000 }, async () => {
    const { typecheckAll } = await import("../../src/corpus/batch-checks.js");
    const root = scratchDir("corpus-tsc");
    for (const [name, body] of [
      ["good", "export const n: number = 1;\n"],
      ["bad", 'export const n: number = "one";\n'],
    ] as const) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, `${name}.ts`), body);
    }
    const errors = await typecheckAll(root, ["good", "bad"]);
    expect([...errors.keys()]).toEqual(["bad"]);
    expect(errors.get("bad")![0]).toMatch(/TS2322/);
  });

  it("checks the strictest flags under nodenext and bundler resolution", {
    timeout: 60_000,
  }, async () => {
    const { typecheckAll } = await import("../../src/corpus/batch-checks.js");
    const root = scratchDir("corpus-strict");
    mkdirSync(join(root, "loose"));
    // passes plain `strict`; fails exactOptionalPropertyTypes and noPropertyAccessFromIndexSignature
    writeFileSync(
      join(root, "loose", "loose.ts"),
      [
        "export const o: { a?: number } = { a: undefined };",
        "export const get = (m: Record<string, string>) => m.key;",
        "",
      ].join("\n"),
    );
    const lines = (await typecheckAll(root, ["loose"])).get("loose") ?? [];
    for (const mode of ["nodenext", "bundler"]) {
      const inMode = lines.filter((l) => l.startsWith("[bundler]") === (mode === "bundler"));
      expect(
        inMode.some((l) => /TS2375|TS2322/.test(l)),
        mode,
      ).toBe(true);
      expect(
        inMode.some((l) => /TS4111/.test(l)),
        mode,
      ).toBe(true);
    }
  });

  it("reports typescript-eslint recommended and strict findings per folder", {
    timeout: 60_000,
  }, async () => {
    const { eslintAll } = await import("../../src/corpus/eslint-check.js");
    const root = scratchDir("corpus-eslint");
    mkdirSync(join(root, "clean"));
    mkdirSync(join(root, "dirty"));
    writeFileSync(join(root, "clean", "clean.ts"), "export const n = 1;\n");
    writeFileSync(
      join(root, "dirty", "dirty.ts"),
      "export function f(x: number): number {\n  const unused = x as any;\n  return x!;\n}\n",
    );
    const { findings, skipped } = await eslintAll(root, ["clean", "dirty"]);
    expect(skipped).toBeUndefined();
    expect([...findings.keys()]).toEqual(["dirty"]);
    expect(findings.get("dirty")?.join("\n")).toMatch(/no-unused-vars/);
    expect(findings.get("dirty")?.join("\n")).toMatch(/no-explicit-any/);
    expect(findings.get("dirty")?.join("\n")).toMatch(
      /no-extra-non-null-assertion|no-non-null-assertion/,
    );
  });
});
