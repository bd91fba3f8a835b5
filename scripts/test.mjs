// `npm test` after the build: two chains at once. The package tests (test/package: npm pack, installs
// into fresh repositories, pre-commit's own install) wait on npm and git far more than on the CPU,
// so they start first and run beside the main chain — type-check, Biome, the vitest suite, the
// corpus — instead of after it. The main chain prints as it goes; the package chain's output is
// printed when both are done. Exit code: 1 when any step failed.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
const PACKAGE_TESTS = "test/package";

/** Runs one command; resolves with its exit code. `capture` collects output instead of showing it. */
function run(command, args, capture) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    if (capture) {
      child.stdout.on("data", (d) => capture.push(d));
      child.stderr.on("data", (d) => capture.push(d));
    }
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function chain(steps, capture) {
  const started = performance.now();
  for (const [command, ...args] of steps) {
    const code = await run(command, args, capture);
    if (code !== 0) return { code, seconds: (performance.now() - started) / 1000 };
  }
  return { code: 0, seconds: (performance.now() - started) / 1000 };
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const packageOutput = [];
const packages = chain(
  [[process.execPath, vitest, "run", PACKAGE_TESTS, "--maxWorkers=2"]],
  packageOutput,
);
const main = chain([
  [npm, "run", "typecheck"],
  [npm, "run", "check"],
  // two workers, not vitest's default of cores - 1 (one, on a 2-core machine): most files wait on
  // child processes (tsc, vitest, the bin), and once the package chain ends a core would sit idle
  [
    process.execPath,
    vitest,
    "run",
    "--exclude",
    "integrations/**",
    "--exclude",
    `${PACKAGE_TESTS}/**`,
    "--maxWorkers=2",
  ],
  [npm, "run", "corpus", "--", "test/fixtures/specs"],
]);

const mainResult = await main;
process.stdout.write(`\n— package tests (${PACKAGE_TESTS}) —\n`);
const packageResult = await packages;
process.stdout.write(Buffer.concat(packageOutput));
process.stdout.write(
  `\nnpm test: main chain ${mainResult.code === 0 ? "ok" : "FAILED"} in ${mainResult.seconds.toFixed(0)} s; package tests ${packageResult.code === 0 ? "ok" : "FAILED"} in ${packageResult.seconds.toFixed(0)} s\n`,
);
process.exitCode = mainResult.code === 0 && packageResult.code === 0 ? 0 : 1;
