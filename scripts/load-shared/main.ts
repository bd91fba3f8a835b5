// npm run load:shared [-- --workers 8 --seconds 30 --rate 20]
import { parseArgs } from "node:util";
import { runSharedLoad } from "./harness.js";
import { summary } from "./report.js";

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: "8" },
    seconds: { type: "string", default: "30" },
    rate: { type: "string", default: "20" },
    burst: { type: "string", default: "10" },
    concurrency: { type: "string", default: "4" },
  },
});

const rate = Number(values.rate);
const report = await runSharedLoad({
  workers: Number(values.workers),
  seconds: Number(values.seconds),
  rate,
  burst: Number(values.burst),
  concurrency: Number(values.concurrency),
  killAt: 0.4,
  redisDownAt: 0.6,
  redisDownMs: 1500,
  progress: (line) => console.log(line),
});
const fixed = (n: number) => n.toFixed(2);
console.log(
  `rates (req/s): whole run ${fixed(report.wholeRunRate)}; before kill ${fixed(report.phases.beforeKill)}, after kill ${fixed(report.phases.afterKill)}, redis down ${fixed(report.phases.redisDown)}, after rejoin ${fixed(report.phases.afterRejoin)}`,
);
console.log(
  `records: ${report.records.minted} handed out, ${report.records.lost} lost, ${report.records.duplicates} sent twice; ${report.accepted} accepted requests; fetch failures ${JSON.stringify(report.failures)}`,
);
console.log(
  `workers: ${report.fellBack}/${report.survivors} fell back to their share (${report.unlimited} requests beyond it), ${report.rejoined}/${report.survivors} rejoined; load average ${report.loadAverage.map((l) => l.map((x) => x.toFixed(1)).join(" ")).join(" → ")}`,
);
for (const problem of report.problems) console.log(`FAIL: ${problem}`);
console.log(summary(report, rate));
process.exitCode = report.problems.length > 0 ? 1 : 0;
