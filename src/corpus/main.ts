/**
 * `npm run corpus -- <folder> [--sample N] [--seed S] [--jobs J] [--out report.json]`: how capkit
 * fares on a whole folder of OpenAPI documents. Exits 1 when any document is `broken`.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatTable } from "./report.js";
import { runCorpus } from "./run.js";

const USAGE =
  "usage: npm run corpus -- <folder> [--sample N] [--seed S] [--jobs J] [--out report.json] [--timeout seconds]";

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive whole number, not ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      allowPositionals: true,
      options: {
        sample: { type: "string" },
        seed: { type: "string" },
        jobs: { type: "string" },
        out: { type: "string" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    process.stderr.write(`corpus: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const root = new URL("../../../", import.meta.url).pathname;
  try {
    const sampleN = positiveInt("sample", values.sample);
    const report = await runCorpus({
      folder: resolve(positionals[0]!),
      scratch: resolve(root, ".tmp/corpus"),
      bin: resolve(root, "bin/capkit.js"),
      ...(sampleN !== undefined ? { sample: sampleN } : {}),
      seed: positiveInt("seed", values.seed) ?? 1,
      jobs: positiveInt("jobs", values.jobs) ?? 2,
      timeoutMs: (positiveInt("timeout", values.timeout) ?? 120) * 1000,
      onProgress: (message) => process.stderr.write(`${message}\n`),
    });
    process.stdout.write(`${formatTable(report)}\n`);
    if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    return report.totals.broken > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`corpus: ${(error as Error).message}\n`);
    return 2;
  }
}

process.exitCode = await main();
