// `npm run bench:lint`: wall time of the compiled bin as a commit hook runs it (spawned `node
// bin/capkit.js`, NODE_OPTIONS cleared: no tsx, no npx), against two peers on the same files in the
// same run, each run alternating with the others: ESLint + typescript-eslint parsing with no rules,
// and oxlint (Rust, its default rules). Prints medians with min/max and the load average; a
// benchmark, not a test.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin/capkit.js");
const require = createRequire(import.meta.url);
const eslintBin = join(dirname(require.resolve("eslint/package.json")), "bin/eslint.js");
const oxlintBin = join(dirname(require.resolve("oxlint/package.json")), "bin/oxlint");
const tsParser = pathToFileURL(require.resolve("@typescript-eslint/parser")).href;
const fixture = join(root, "test/lint/fixtures/good/acme");
const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "" };
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function sh(
  cwd: string,
  cmd: string,
  args: string[],
): { ms: number; status: number | null; out: string } {
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  return { ms: performance.now() - start, status: r.status, out: `${r.stdout}${r.stderr}` };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

type Run = [cmd: string, args: string[]];
type Stats = { median: number; min: number; max: number };

/** Runs the commands in turn, `RUNS` rounds, so machine load hits all alike; all must exit 0. */
function alternate(cwd: string, runs: Run[]): Stats[] {
  const times: number[][] = runs.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, [cmd, args]] of runs.entries()) {
      const r = sh(cwd, cmd, args);
      if (r.status !== 0) {
        throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}:\n${r.out.slice(0, 2000)}`);
      }
      times[k]?.push(r.ms);
    }
  }
  return times.map((t) => ({ median: median(t), min: Math.min(...t), max: Math.max(...t) }));
}

/** Writes the sample integration as service `name`, with a manifest whose hashes match. */
function writeIntegration(repo: string, name: string): void {
  const dir = join(repo, "integrations", name);
  mkdirSync(dir, { recursive: true });
  const files: Record<string, { owner: string; sha256: string }> = {};
  for (const entry of readdirSync(fixture)) {
    const target = entry.replace(/\.txt$/, "").replace(/^acme/, name);
    const text = readFileSync(join(fixture, entry), "utf8")
      .replaceAll("./acme_", `./${name}_`)
      .replaceAll('isClass("acme")', `isClass("${name}")`);
    if (target === ".capkit.json") continue;
    writeFileSync(join(dir, target), text);
    files[target] = {
      owner: /_client|_types/.test(target) ? "generated" : "hand",
      sha256: createHash("sha256").update(text).digest("hex"),
    };
  }
  writeFileSync(
    join(dir, ".capkit.json"),
    JSON.stringify({ capkit: "0.1.0", service: name, files }, null, 2),
  );
}

function makeRepo(services: number): string {
  const repo = mkdtempSync(join(tmpdir(), "capkit-bench-"));
  const git = (...args: string[]) => sh(repo, "git", args);
  git("init", "-q", "-b", "main");
  git("config", "user.email", "bench@example.com");
  git("config", "user.name", "bench");
  for (let i = 0; i < services; i++) writeIntegration(repo, `svc${i}`);
  writeFileSync(
    join(repo, "eslint.config.mjs"),
    `import parser from ${JSON.stringify(tsParser)};\nexport default [{ files: ["**/*.ts"], languageOptions: { parser } }];\n`,
  );
  return repo;
}

const lint = (args: string[]) => ["lint", "--format", "json", ...args];

// 5 changed hand-owned files in two integrations, staged on top of a commit of 200 integrations
const small = makeRepo(200);
sh(small, "git", ["add", "-A"]);
sh(small, "git", ["commit", "-qm", "base"]);
const changed = [
  "svc7/svc7.ts",
  "svc7/svc7_transform.ts",
  "svc7/svc7.test.ts",
  "svc8/svc8.ts",
  "svc8/svc8_transform.ts",
].map((f) => `integrations/${f}`);
for (const f of changed)
  writeFileSync(join(small, f), `${readFileSync(join(small, f), "utf8")}// changed\n`);
sh(small, "git", ["add", "-A"]);
const loadBefore = loadavg()[0]?.toFixed(1);
const [staged5, eslint5, oxlint5] = alternate(small, [
  ["node", [bin, ...lint(["--staged"])]],
  ["node", [eslintBin, ...changed]],
  ["node", [oxlintBin, ...changed]],
]) as [Stats, Stats, Stats];

// 1,000 files: 200 integrations × 5 .ts files, linted from the working tree
const [files1000, eslint1000, oxlint1000] = alternate(small, [
  ["node", [bin, ...lint(["integrations"])]],
  ["node", [eslintBin, "integrations"]],
  ["node", [oxlintBin, "integrations"]],
]) as [Stats, Stats, Stats];

const fmt = (t: Stats) =>
  `${t.median.toFixed(0)} ms (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)})`;
const times = (slow: Stats, fast: Stats) =>
  `${(slow.median / fast.median).toFixed(1)}× (min/min ${(slow.min / fast.min).toFixed(1)}×)`;
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
console.log(
  `node ${process.version}; ${RUNS} alternating runs each; medians; load average ${loadBefore} before, ${loadavg()[0]?.toFixed(1)} after`,
);
console.log(`capkit lint --staged, 5 changed files:    ${fmt(staged5)}`);
console.log(`eslint + typescript-eslint, same 5 files: ${fmt(eslint5)}`);
console.log(`oxlint, same 5 files:                     ${fmt(oxlint5)}`);
console.log(
  `ratio eslint / capkit, 5 files: ${times(eslint5, staged5)}   target ≥ 3×: ${verdict(eslint5.median / staged5.median >= 3)}`,
);
console.log(
  `ratio capkit / oxlint, 5 files: ${times(staged5, oxlint5)}   target ≤ 2×: ${verdict(staged5.median / oxlint5.median <= 2)}`,
);
console.log(`capkit lint, 1,000 files:                 ${fmt(files1000)}`);
console.log(`eslint + typescript-eslint, 1,000 files:  ${fmt(eslint1000)}`);
console.log(`oxlint, 1,000 files:                      ${fmt(oxlint1000)}`);
console.log(
  `ratio eslint / capkit, 1,000 files: ${times(eslint1000, files1000)}   target ≥ 3×: ${verdict(eslint1000.median / files1000.median >= 3)}`,
);
console.log(
  `ratio capkit / oxlint, 1,000 files: ${times(files1000, oxlint1000)}   (no target: oxlint is native and multi-threaded)`,
);
rmSync(small, { recursive: true, force: true });
