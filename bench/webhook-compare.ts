// Interleaved rounds for bench/webhook.ts: two contenders take turns (the first alternating each
// round), each round timed by the wall clock and by this process's CPU time, which other processes
// on a shared machine do not inflate; every delivery's latency is kept for the percentiles.
import { loadavg } from "node:os";

export interface Contender<T> {
  label: string;
  /** Made before the clock starts (e.g. a Request, whose body can be read once). */
  input: () => T;
  run: (input: T) => Promise<void>;
}

interface Measured {
  wallRates: number[];
  cpuRates: number[];
  latencies: number[];
}

export interface Plan {
  rounds: number;
  perRound: number;
  warmup: number;
}

async function round<T>(side: Contender<T>, count: number, into: Measured): Promise<void> {
  const inputs = Array.from({ length: count }, side.input);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const input of inputs) {
    const t = performance.now();
    await side.run(input);
    into.latencies.push(performance.now() - t);
  }
  const wallMs = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  into.wallRates.push(count / (wallMs / 1000));
  into.cpuRates.push(count / ((user + system) / 1e6));
}

export async function interleave<A, B>(
  ours: Contender<A>,
  theirs: Contender<B>,
  plan: Plan,
): Promise<[Measured, Measured]> {
  for (let i = 0; i < plan.warmup; i++) {
    await ours.run(ours.input());
    await theirs.run(theirs.input());
  }
  const a: Measured = { wallRates: [], cpuRates: [], latencies: [] };
  const b: Measured = { wallRates: [], cpuRates: [], latencies: [] };
  for (let r = 0; r < plan.rounds; r++) {
    // alternate who goes first, so neither always runs right after the other's garbage
    if (r % 2 === 0) {
      await round(ours, plan.perRound, a);
      await round(theirs, plan.perRound, b);
    } else {
      await round(theirs, plan.perRound, b);
      await round(ours, plan.perRound, a);
    }
  }
  return [a, b];
}

const sorted = (values: number[]) => [...values].sort((x, y) => x - y);
export const percentile = (values: number[], p: number): number => {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? Number.NaN;
};
const spread = (values: number[], digits: number) => {
  const s = sorted(values);
  const f = (n: number | undefined) => (n ?? Number.NaN).toFixed(digits);
  return `${f(percentile(s, 50))} (min ${f(s[0])}, max ${f(s.at(-1))})`;
};

export const loadLine = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" / ")}`;

/** The lines of one comparison; the ratios are per round, ours over theirs. */
export function report(
  ours: { label: string },
  theirs: { label: string },
  [a, b]: [Measured, Measured],
): string[] {
  const side = (label: string, m: Measured) =>
    `  ${label.padEnd(38)} ${spread(m.wallRates, 0)} deliveries/s; by CPU time ${percentile(m.cpuRates, 50).toFixed(0)}/s; p50 ${percentile(m.latencies, 50).toFixed(3)} ms, p99 ${percentile(m.latencies, 99).toFixed(3)} ms, max ${Math.max(...m.latencies).toFixed(1)} ms`;
  const ratios = (x: number[], y: number[]) => x.map((v, i) => v / (y[i] ?? Number.NaN));
  return [
    side(ours.label, a),
    side(theirs.label, b),
    `  throughput ratio capkit/octokit, per round: wall ${spread(ratios(a.wallRates, b.wallRates), 2)}; CPU time ${spread(ratios(a.cpuRates, b.cpuRates), 2)}`,
  ];
}
