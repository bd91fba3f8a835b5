/**
 * `npm run bench:update` — issue 13's bars on GitHub's REST description (13 MB, 10 operations):
 * 1. `capkit update --check` (Node start-up included) ≤ 1 s wall — on the same spec (the nightly
 *    common case: the hashes match) and on a changed one (every selected operation compared);
 * 2. `capkit update` with verification (tsc + tests) ≤ the first generation with verification,
 *    both measured in this run, alternating, on the changed spec (an unchanged one would write
 *    nothing).
 * Verification keeps Vitest's transforms by content hash (templates/vitest.verify.config.mjs), so
 * the runs must not feed each other: each first generation is of a new integration (its own name,
 * so files never seen), and each update is of an integration generated and verified just before
 * it (untimed), as an engineer's update follows the generation on their machine. An update with
 * that cache cleared (a fresh CI machine) is printed beside it, for information.
 * The integration is written under `.cache/` inside the repository so the runtime, vitest and msw
 * resolve as they do in a user's repository.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { indexOperations } from "../src/openapi/operations.js";
import type { OpenAPIV3Document } from "../src/openapi/types.js";
import { fetchDescription, root, WANTED } from "./github-description.js";

const RUNS = 5;
const CHECK_TARGET_MS = 1000;
const plain = { ...process.env, NODE_OPTIONS: "" };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

const work = join(root, ".cache", "bench-update");
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, "spec"), { recursive: true });
const source = fetchDescription();
const specPath = join(work, "spec", "github.json");
writeFileSync(specPath, readFileSync(source));
const document = JSON.parse(readFileSync(source, "utf8")) as OpenAPIV3Document;
const known = new Set(indexOperations(document).operations.map((o) => o.operationId));
const ids = WANTED.filter((id) => known.has(id));

// GNU time reports the CPU of the whole process tree (tsc, vitest and Biome included): on a
// shared machine, wall time measures the neighbours as much as capkit.
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Timed {
  wall: number;
  /** User + system CPU of capkit and everything it ran, in ms; NaN without GNU time. */
  cpu: number;
  stdout: string;
}

function capkit(args: string[], okCodes = [0]): Timed {
  const command = [process.execPath, join(root, "bin/capkit.js"), ...args];
  const [file, ...rest] = TIME ? [TIME, "-f", "capkit-cpu %U %S", ...command] : command;
  const started = performance.now();
  const result = spawnSync(file ?? process.execPath, rest, {
    cwd: work,
    env: plain,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = performance.now() - started;
  if (!okCodes.includes(result.status ?? -1))
    throw new Error(
      `capkit ${args.join(" ")} exited ${result.status}:\n${result.stderr}\n${result.stdout.slice(0, 2000)}`,
    );
  const cpu = /capkit-cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return {
    wall,
    cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN,
    stdout: result.stdout,
  };
}

/** The description with one field a transform would read renamed and one enum value added. */
function changedDescription(): string {
  const doc = structuredClone(document);
  const schemas = (doc.components?.schemas ?? {}) as Record<
    string,
    { properties?: Record<string, unknown> }
  >;
  const repo = schemas["minimal-repository"]?.properties;
  if (repo && "full_name" in repo) {
    repo.name_with_owner = repo.full_name;
    delete repo.full_name;
  }
  const state = (schemas["code-scanning-alert-state"] ?? {}) as { enum?: unknown[] };
  if (Array.isArray(state.enum)) state.enum.push("triaged");
  return JSON.stringify(doc);
}

process.stdout.write(
  `document: GitHub REST description, ${known.size} operations; ${ids.length} selected\n`,
);
const generateArgs = (out: string, name = "github", verify = true) => [
  "generate",
  "--spec",
  "spec/github.json",
  "--name",
  name,
  "--operations",
  ids.join(","),
  "--out",
  out,
  "--force",
  ...(verify ? [] : ["--no-verify"]),
];

// The integration as first generated (v1), for the drift checks (which write nothing).
capkit(generateArgs("github-v1", "github", false));
const changedPath = join(work, "spec", "github-v2.json");
writeFileSync(changedPath, changedDescription());

const same: Timed[] = [];
const changed: Timed[] = [];
for (let run = 0; run < RUNS; run++) {
  same.push(capkit(["update", "github-v1", "--check"]));
  changed.push(capkit(["update", "github-v1", "--check", "--spec", changedPath], [1, 3]));
}
const report = changed[0]?.stdout ?? "";

// The verified runs alternate (and alternate who goes first), so a machine that speeds up or slows
// down during the run weighs on both sides alike.
const generated: Timed[] = [];
const updated: Timed[] = [];
const coldUpdated: Timed[] = [];
const fresh = (name: string) => {
  rmSync(join(work, name), { recursive: true, force: true });
  return name;
};
const firstGeneration = (run: number) => {
  const name = fresh(`gen${run}`);
  generated.push(capkit(generateArgs(name, name)));
};
const oneUpdate = (run: number) => {
  const name = fresh(`upd${run}`);
  capkit(generateArgs(name, name));
  // exit 1 is allowed: a renamed field may break the build, which is what the report is for
  updated.push(capkit(["update", name, "--spec", changedPath], [0, 1]));
};
// Where verification keeps Vitest's module cache for this repository (the nearest node_modules
// above the runs' folder: templates/vitest.verify.config.mjs).
const moduleCache = join(root, "node_modules", ".cache", "capkit", "vitest-modules");
const coldUpdate = (run: number) => {
  const name = fresh(`cold${run}`);
  capkit(generateArgs(name, name, false));
  rmSync(moduleCache, { recursive: true, force: true });
  coldUpdated.push(capkit(["update", name, "--spec", changedPath], [0, 1]));
};
for (let run = 0; run < RUNS; run++) {
  if (run % 2 === 0) {
    firstGeneration(run);
    oneUpdate(run);
    coldUpdate(run);
  } else {
    oneUpdate(run);
    firstGeneration(run);
  }
}
for (let run = 0; run < RUNS; run++) {
  for (const name of [`gen${run}`, `upd${run}`, `cold${run}`]) fresh(name);
}

const wall = (xs: Timed[]) => median(xs.map((x) => x.wall));
const cpu = (xs: Timed[]) => median(xs.map((x) => x.cpu));
const row = (label: string, xs: Timed[], verdict = "") =>
  `${label.padEnd(32)} ${ms(wall(xs))} wall ${ms(cpu(xs))} cpu${verdict}`;
const check = Math.max(wall(same), wall(changed));
const ratio = wall(updated) / wall(generated);
process.stdout.write(
  [
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on this machine; medians of ${RUNS} runs`,
    `change report on the changed spec: ${report.split("\n")[0]}`,
    row("generate (first, verified)", generated),
    row("update --check, same spec", same),
    row(
      "update --check, changed spec",
      changed,
      `  (target ≤ ${CHECK_TARGET_MS} ms wall: ${check <= CHECK_TARGET_MS ? "ok" : "MISSED"})`,
    ),
    row(
      "update (verified)",
      updated,
      `  (target ≤ generate: ${ratio <= 1 ? "ok" : "MISSED"}, wall ratio ${ratio.toFixed(2)}, cpu ratio ${(cpu(updated) / cpu(generated)).toFixed(2)})`,
    ),
    row(
      "update, module cache cleared",
      coldUpdated,
      `  (information: a fresh machine; wall ratio ${(wall(coldUpdated) / wall(generated)).toFixed(2)}, ${coldUpdated.length} runs)`,
    ),
    "",
  ].join("\n"),
);
