/**
 * The mock splits (issue 11, "no document broken"): Azure's sql-longTermRetention, whose five
 * paginated operations on long paths made a 358-line `_mock.ts`, and a document built from it with
 * 22 operations (18 paginated) under three tags. Every generated file stays under the lint's
 * 350-line warning, the integration compiles under the strict matrix, typescript-eslint strict and
 * `capkit lint` find nothing, the plumbing tests pass (RED only for transforms), and a test of our
 * own proves `serveAccount` serves every operation, the ones moved to a part included.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { typecheckAll } from "../../src/corpus/batch-checks.js";
import { eslintAll } from "../../src/corpus/eslint-check.js";
import { emitIntegration } from "../../src/emit/index.js";
import { formatFiles } from "../../src/generate/format.js";
import { lint } from "../../src/lint/index.js";
import { buildModel } from "../../src/model/index.js";
import { loadSpec } from "../../src/openapi/index.js";
import { runTests } from "../../src/verify/run-tests.js";
import { fixtureSpec, scratchDir } from "../helpers/scratch.js";

const AZURE = fixtureSpec("azure-sql-long-term-retention.json");

/** The Azure document with its listings copied under two more tags, on longer paths still. */
function tripled(dir: string): { spec: string; operations: string[] } {
  const doc = JSON.parse(readFileSync(AZURE, "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
  };
  const paths: typeof doc.paths = {};
  const operations: string[] = [];
  for (const [tag, suffix] of [
    ["", ""],
    ["Archive Vaults", "InArchiveVaults"],
    ["geo-replicas", "OnGeoReplicas"],
  ] as const) {
    for (const [path, item] of Object.entries(doc.paths)) {
      const gets = Object.fromEntries(
        Object.entries(item).filter(([method]) => method === "get" || method === "parameters"),
      );
      // the copies take the listings only: the client class (one method each) does not split
      if (!gets.get || (tag && !gets.get.operationId?.includes("_List"))) continue;
      const get = { ...gets.get, operationId: `${gets.get.operationId}${suffix}` };
      if (tag) get.tags = [tag];
      paths[`${path}${suffix}`] = { ...gets, get };
      operations.push(get.operationId);
    }
  }
  const spec = join(dir, "tripled.json");
  writeFileSync(spec, JSON.stringify({ ...doc, paths }));
  return { spec, operations };
}

/** Lists each paginated operation through `serveAccount`'s routes: a route left out fails. */
const servedCheck = (name: string, expected: string[]) => `
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { collect, PAGED, serveAccount, server, setup } from "./${name}_mock.js";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

it("serves every paginated operation through serveAccount", async () => {
  expect(PAGED.map((op) => op.name).sort()).toEqual(${JSON.stringify([...expected].sort())});
  for (const op of PAGED) {
    server.resetHandlers();
    serveAccount({ [op.name]: [op.sample] });
    expect(await collect(op.list(setup().client, {}))).toEqual([op.sample]);
  }
});
`;

interface Case {
  name: string;
  spec: (dir: string) => { spec: string; operations?: string[] };
  /** At least this many `_mock_*.ts` parts. */
  parts: number;
  /**
   * Lint the hand-owned files too. With 22 operations the main file, the transforms and the tests
   * (one test per operation, yours once written) pass the 400-line rule: they do not split.
   */
  lintAll: boolean;
}

const CASES: Case[] = [
  { name: "ltr", spec: () => ({ spec: AZURE }), parts: 1, lintAll: true },
  { name: "tripled", spec: tripled, parts: 3, lintAll: false },
];

describe("the mock splits by tag", { timeout: 240_000 }, () => {
  for (const c of CASES) {
    it(`${c.name}: every generated file under 350 lines, compiling, lint-clean and green`, async () => {
      const root = scratchDir(`mock-split-${c.name}`);
      const dir = join(root, c.name);
      const { spec, operations } = c.spec(root);
      const model = buildModel(await loadSpec(spec), {
        name: c.name,
        ...(operations ? { operations } : {}),
      });
      const files = await emitIntegration(model, { format: formatFiles });
      scratchDir(`mock-split-${c.name}/${c.name}`);
      for (const file of files) writeFileSync(join(dir, file.path), file.content);

      const generated = files.filter((f) => f.owner === "generated" && f.path.endsWith(".ts"));
      const long = generated
        .map((f) => ({ path: f.path, lines: f.content.split("\n").length }))
        .filter((f) => f.lines >= 350);
      expect(long).toEqual([]);
      const parts = generated.filter((f) => f.path.startsWith(`${c.name}_mock_`));
      expect(parts.length).toBeGreaterThanOrEqual(c.parts);
      // the manifest lists the parts, so `capkit lint` and `capkit update` know them as generated
      const manifest = JSON.parse(files.find((f) => f.path === ".capkit.json")!.content) as {
        files: Record<string, unknown>;
      };
      for (const part of parts) expect(Object.keys(manifest.files)).toContain(part.path);

      const paged = model.operations
        .filter((op) => op.isList && op.pagination.style !== "none")
        .map((op) => op.methodName);
      expect(paged.length).toBeGreaterThanOrEqual(5);
      writeFileSync(join(dir, "served.test.ts"), servedCheck(c.name, paged));

      expect((await typecheckAll(root, [c.name])).get(c.name) ?? []).toEqual([]);
      const eslint = await eslintAll(root, [c.name]);
      expect(eslint.findings.get(c.name) ?? []).toEqual([]);
      const findings = (await lint({ cwd: dir, paths: ["."] })).diagnostics
        .filter((d) => c.lintAll || generated.some((f) => d.file.endsWith(f.path)))
        .map((d) => `${d.file}:${d.line} ${d.ruleId}: ${d.message}`);
      expect(findings).toEqual([]);

      const run = await runTests(dir, process.cwd());
      expect(run.unexpected).toEqual([]);
      // the plumbing tests (pagination of every paged operation among them) and our check pass
      expect(run.passed).toBeGreaterThan(2 * paged.length);
      expect(run.red).toBeGreaterThan(0);
    });
  }
});
