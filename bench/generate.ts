/**
 * `npm run bench:generate` — issue 4's quality bars, each measured in one run:
 * 1. GitHub's full REST description, 10 operations, the whole integration written (`capkit
 *    generate --no-verify`, Node start-up included): target ≤ 1 s wall;
 * 2. `openapi-typescript` on the same file, the tool a user would otherwise run: capkit ≥ 5× faster;
 * 3. time to the first prompt of `npx plop integration`: target ≤ 1 s.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listOperations, loadSpec } from "../src/openapi/index.js";
import { fetchDescription, root, WANTED } from "./github-description.js";

const RUNS = 3;
const plain = { ...process.env, NODE_OPTIONS: "" };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

function timeCommand(command: string, args: string[], env = plain): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8" });
  const elapsed = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}`);
  return elapsed;
}

/** Wall time until the plop generator's first question is on the screen. */
function firstPrompt(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let seen = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no prompt after 20 s:\n${seen}`));
    }, 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes("Service name")) {
        clearTimeout(timer);
        const elapsed = performance.now() - started;
        child.kill();
        resolve(elapsed);
      }
    });
  });
}

const file = fetchDescription();
const spec = await loadSpec(file);
const known = new Set(listOperations(spec).map((o) => o.operationId));
const ids = WANTED.filter((id) => known.has(id));
process.stdout.write(
  `document: ${file.replace(root, "")} (${(statSync(file).size / 1e6).toFixed(1)} MB, ${known.size} operations); ${ids.length} selected\n`,
);

const scratch = mkdtempSync(join(tmpdir(), "capkit-bench-"));
try {
  const capkit: number[] = [];
  const openapiTs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const out = join(scratch, `gen-${run}`);
    capkit.push(
      timeCommand(process.execPath, [
        "bin/capkit.js",
        "generate",
        "--spec",
        file,
        "--name",
        "github",
        "--operations",
        ids.join(","),
        "--out",
        out,
        "--no-verify",
        "--force",
      ]),
    );
    openapiTs.push(
      timeCommand(process.execPath, [
        "node_modules/openapi-typescript/bin/cli.js",
        file,
        "--output",
        join(scratch, `schema-${run}.d.ts`),
      ]),
    );
  }
  const gen = median(capkit);
  const ots = median(openapiTs);
  const npx = await firstPrompt("npx", ["plop", "integration"], process.env);
  const direct = await firstPrompt(
    process.execPath,
    ["--import", "tsx", "node_modules/plop/bin/plop.js", "integration"],
    plain,
  );
  const lines = [
    `capkit generate (10 operations, all files written)  ${ms(gen)}  median of ${RUNS}  (target ≤ 1000 ms: ${gen <= 1000 ? "ok" : "MISSED"})`,
    `openapi-typescript (types only, whole document)      ${ms(ots)}  median of ${RUNS}`,
    `speed-up vs openapi-typescript                        ${(ots / gen).toFixed(1).padStart(6)} ×   (target ≥ 5×: ${ots / gen >= 5 ? "ok" : "MISSED"})`,
    `first prompt, npx plop integration                    ${ms(npx)}  (target ≤ 1000 ms: ${npx <= 1000 ? "ok" : "MISSED"})`,
    `first prompt, node plop.js (no npx)                   ${ms(direct)}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
