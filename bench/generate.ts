/**
 * `npm run bench:generate` — issue 12's generate targets, capkit and its peer alternating run by run:
 * GitHub's full REST description, 10 operations, the whole integration written (`capkit generate
 * --no-verify`, Node start-up included) against `openapi-typescript` on the same file (types only,
 * the tool a user would otherwise run): capkit ≥ 5× faster, and its peak memory ≤ 200 MB.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { listOperations, loadSpec } from "../src/openapi/index.js";
import { fetchDescription, root, WANTED } from "./github-description.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const plain = { ...process.env, NODE_OPTIONS: "" };
const maxrss = join(root, "bench", "maxrss.mjs");

interface Sample {
  ms: number;
  rssMb: number;
}

/** Wall time and peak memory of one `node` run (start-up included). */
function run(args: string[]): Sample {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", maxrss, ...args], {
    cwd: root,
    env: plain,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${result.stderr}`);
  const kb = Number(/capkit-bench-maxrss-kb (\d+)/.exec(result.stderr)?.[1] ?? Number.NaN);
  return { ms, rssMb: kb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const stats = (xs: number[]) =>
  `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

const file = fetchDescription();
const spec = await loadSpec(file);
const known = new Set(listOperations(spec).map((o) => o.operationId));
const ids = WANTED.filter((id) => known.has(id));
const loadBefore = loadavg()[0]?.toFixed(1);

const scratch = mkdtempSync(join(tmpdir(), "capkit-bench-"));
try {
  const capkit: Sample[] = [];
  const peer: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    const generate = ["bin/capkit.js", "generate", "--spec", file, "--name", "github"];
    const options = ["--operations", ids.join(","), "--no-verify", "--force"];
    capkit.push(run([...generate, ...options, "--out", join(scratch, `gen-${i}`)]));
    const cli = "node_modules/openapi-typescript/bin/cli.js";
    peer.push(run([cli, file, "--output", join(scratch, `schema-${i}.d.ts`)]));
  }
  const gen = median(capkit.map((s) => s.ms));
  const ots = median(peer.map((s) => s.ms));
  const rss = Math.max(...capkit.map((s) => s.rssMb));
  const peerRss = Math.max(...peer.map((s) => s.rssMb));
  const ratio = ots / gen;
  const minRatio = Math.min(...peer.map((s) => s.ms)) / Math.min(...capkit.map((s) => s.ms));
  const lines = [
    `document: ${file.replace(root, "")} (${(statSync(file).size / 1e6).toFixed(1)} MB, ${known.size} operations); ${ids.length} selected`,
    `node ${process.version}; ${RUNS} alternating runs each; load average ${loadBefore} before, ${loadavg()[0]?.toFixed(1)} after`,
    `capkit generate (10 operations, all files written):  ${stats(capkit.map((s) => s.ms))}`,
    `openapi-typescript (types only, whole document):     ${stats(peer.map((s) => s.ms))}`,
    `ratio openapi-typescript / capkit ${ratio.toFixed(1)}× (min/min ${minRatio.toFixed(1)}×)   target ≥ 5×: ${ratio >= 5 ? "ok" : "MISSED"}`,
    `peak memory, capkit generate ${rss.toFixed(0)} MB (openapi-typescript ${peerRss.toFixed(0)} MB)   target ≤ 200 MB: ${rss <= 200 ? "ok" : "MISSED"}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
