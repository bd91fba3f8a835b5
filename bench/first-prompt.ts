/**
 * `npm run bench:prompt` — time to the first question of `npx plop integration`, against plop's own
 * first prompt with a one-question plopfile, both through `npx plop`, alternating run by run:
 * 1. in this repository (TypeScript plopfile through the `.npmrc` tsx loader);
 * 2. in a user repository: both packages packed and installed from their tarballs, the compiled
 *    plopfile loaded with `plop.load("capkit")`, no `.npmrc` loader.
 * Targets: ≤ 1.2× plop's own first prompt, and ≤ 1 s.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./github-description.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const QUESTION = "Service name";
const PEER = `export default (plop) => {
  plop.setGenerator("one", {
    description: "one question",
    prompts: [{ type: "input", name: "name", message: ${JSON.stringify(QUESTION)} }],
    actions: [],
  });
};
`;

/**
 * The environment of a fresh shell: `npm run bench` hands its children `npm_config_*` variables
 * (this repository's `node-options=--import tsx` among them), which would follow npx into the
 * user repository, where tsx is not installed. Each npx reads the `.npmrc` of its own folder.
 */
const shellEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.toLowerCase().startsWith("npm_") && key !== "NODE_OPTIONS",
  ),
);

/** Wall time until the first question is on the screen (then the process is ended). */
function firstPrompt(cwd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("npx", args, { cwd, env: shellEnv, stdio: ["pipe", "pipe", "pipe"] });
    let seen = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`npx ${args.join(" ")}: no prompt after 30 s:\n${seen}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes(QUESTION)) return;
      clearTimeout(timer);
      const elapsed = performance.now() - started;
      child.kill();
      resolve(elapsed);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const stats = (xs: number[]) =>
  `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;

async function compare(where: string, cwd: string, peerPlopfile: string): Promise<string[]> {
  const capkit: number[] = [];
  const plop: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    capkit.push(await firstPrompt(cwd, ["plop", "integration"]));
    plop.push(await firstPrompt(cwd, ["plop", "--plopfile", peerPlopfile, "one"]));
  }
  const ratio = median(capkit) / median(plop);
  return [
    `${where}: npx plop integration:        ${stats(capkit)}   target ≤ 1000 ms: ${median(capkit) <= 1000 ? "ok" : "MISSED"}`,
    `${where}: npx plop, one-question plopfile: ${stats(plop)}`,
    `${where}: ratio capkit / plop ${ratio.toFixed(2)}× (min/min ${(Math.min(...capkit) / Math.min(...plop)).toFixed(2)}×)   target ≤ 1.2×: ${ratio <= 1.2 ? "ok" : "MISSED"}`,
  ];
}

/** A fresh repository with both packages installed from their tarballs (npm's cache serves them). */
function userRepository(scratch: string): string {
  const packs = join(scratch, "packs");
  const repo = join(scratch, "repo");
  mkdirSync(packs, { recursive: true });
  mkdirSync(repo, { recursive: true });
  // dist/ is already built (npm run bench builds first): no prepare scripts on pack
  for (const dir of [root, join(root, "packages/runtime")])
    execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", packs], {
      cwd: dir,
      env: shellEnv,
      stdio: "ignore",
    });
  writeFileSync(
    join(repo, "package.json"),
    `${JSON.stringify({ name: "user-repo", private: true, type: "module" }, null, 2)}\n`,
  );
  const tarballs = readdirSync(packs).map((f) => join(packs, f));
  execFileSync(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--save-dev",
      ...tarballs,
      "plop",
      "vitest",
      "msw",
    ],
    { cwd: repo, env: shellEnv, stdio: "ignore", timeout: 600_000 },
  );
  writeFileSync(
    join(repo, "plopfile.js"),
    'export default async (plop) => {\n  await plop.load("capkit");\n};\n',
  );
  return repo;
}

const scratch = mkdtempSync(join(tmpdir(), "capkit-bench-prompt-"));
try {
  const peer = join(scratch, "peer-plopfile.mjs");
  writeFileSync(peer, PEER);
  const loadBefore = loadavg()[0]?.toFixed(1);
  const lines = await compare("this repository", root, peer);
  const repo = userRepository(scratch);
  lines.push(...(await compare("user repository", repo, peer)));
  process.stdout.write(
    `node ${process.version}; ${RUNS} alternating runs each; medians; load average ${loadBefore} before, ${loadavg()[0]?.toFixed(1)} after\n${lines.join("\n")}\n`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
