// What the load run must show, checked on counts the API and the coordinator kept.
import type { LimitedApi } from "../../test/runtime/helpers/limited-api.js";
import type { LoadOptions } from "./harness.js";

export interface RunFacts {
  options: LoadOptions;
  start: number;
  endAt: number;
  killedAt: number;
  /** Redis told to stop: a worker may fall back from here. */
  stoppingAt: number;
  /** Redis exited. */
  downAt: number;
  /** Redis told to start: no worker can have rejoined before. */
  restartAt: number;
  /** Redis answered PING again (rejoin times count from here). */
  backAt: number;
  survivors: number;
  api: LimitedApi["stats"];
  coordinator: { minted: number; lost: number; duplicates: number };
  failures: Record<string, number>;
  events: { worker: number; msg: string; time: number; perProcess?: number }[];
  loadAverage: [number[], number[]];
}

export interface LoadReport {
  /**
   * Accepted requests per second while the budget was shared: from the first request to the end
   * of the run, less the outage (Redis stopped until the last worker rejoined), when each worker
   * keeps to its share by design (checked apart: `phases.redisDown`).
   */
  rate: number;
  /** The same over the whole run, outage included. */
  wholeRunRate: number;
  refused: number;
  tokenFetches: number;
  /** Longest a surviving worker took to rejoin after Redis answered again. */
  rejoinMs: number;
  /**
   * Rates per phase: before the kill, after it, while Redis was down (from 250 ms after it
   * stopped: what the shared budget granted before may still be on its way), after it came back.
   */
  phases: Record<"beforeKill" | "afterKill" | "redisDown" | "afterRejoin", number>;
  accepted: number;
  records: { minted: number; lost: number; duplicates: number };
  failures: Record<string, number>;
  fellBack: number;
  /** Requests sent while Redis was down beyond what a worker held and its share allowed. */
  unlimited: number;
  rejoined: number;
  survivors: number;
  loadAverage: [number[], number[]];
  /** Empty when every check holds. */
  problems: string[];
}

const TOLERANCE = 0.05;
const FELL_BACK = "shared rate-limit budget unreachable";
const BACK = "state store: Redis is back";
// A request granted by the shared budget just before Redis stopped may still be on its way.
const IN_FLIGHT_MS = 250;

/**
 * Requests each worker sent while Redis was down beyond what it may: the turns it held when Redis
 * went (at most its concurrency) and the share it said it fell back to. A worker without any limit
 * sends hundreds a second; one on its share stays within it. Counted per worker at the API, until
 * the worker itself says Redis is back (it may rejoin before the harness sees Redis answer, and
 * stays on its share until it does).
 */
function beyondShare(facts: RunFacts): { count: number; detail: string[] } {
  const from = facts.downAt + IN_FLIGHT_MS;
  const shares = new Map<string, number>();
  const rejoined = new Map<string, number>();
  for (const e of facts.events) {
    const worker = String(e.worker);
    if (e.time >= facts.stoppingAt && e.msg.startsWith(FELL_BACK) && e.perProcess !== undefined) {
      shares.set(worker, e.perProcess);
    }
    if (e.time >= facts.downAt && e.msg.startsWith(BACK) && !rejoined.has(worker)) {
      rejoined.set(worker, e.time);
    }
  }
  const until = (worker: string) => rejoined.get(worker) ?? facts.endAt;
  const sent = new Map<string, number>();
  facts.api.acceptedAt.forEach((at, i) => {
    const worker = facts.api.acceptedBy[i] ?? "";
    if (at < from || at >= until(worker)) return;
    sent.set(worker, (sent.get(worker) ?? 0) + 1);
  });
  let count = 0;
  const detail: string[] = [];
  for (const [worker, sends] of sent) {
    const rate = shares.get(worker);
    const seconds = Math.max(0, until(worker) - from) / 1000;
    // The slots of the share in the window, and one used late (up to an interval) from before.
    const share = rate === undefined ? 0 : Math.ceil(rate * seconds) + 1;
    const allowed = facts.options.concurrency + share;
    if (sends <= allowed) continue;
    count += sends - allowed;
    const said = rate === undefined ? "no share logged" : `share ${rate.toFixed(2)}/s`;
    detail.push(`worker ${worker}: ${sends} sent, ${allowed} allowed (${said})`);
  }
  return { count, detail };
}

export function checkRun(facts: RunFacts): LoadReport {
  const { options, api } = facts;
  const times = api.acceptedAt;
  const first = Math.min(...times);
  const rateIn = (from: number, to: number) =>
    to > from ? times.filter((t) => t >= from && t < to).length / ((to - from) / 1000) : 0;
  const workersThat = (prefix: string, after: number) =>
    new Set(
      facts.events.filter((e) => e.time >= after && e.msg.startsWith(prefix)).map((e) => e.worker),
    );
  const back = facts.events.filter((e) => e.time >= facts.downAt && e.msg.startsWith(BACK));
  const rejoined = new Set(back.map((e) => e.worker));
  const beyond = beyondShare(facts);
  const rejoinMs = back.length
    ? Math.max(0, ...[...rejoined].map((w) => firstTime(back, w) - facts.backAt))
    : Number.POSITIVE_INFINITY;
  const rejoinedAt = Number.isFinite(rejoinMs) ? facts.backAt + rejoinMs : facts.endAt;
  const shared =
    times.filter((t) => t >= first && t < facts.endAt && (t < facts.downAt || t >= rejoinedAt))
      .length /
    ((facts.endAt - first - (rejoinedAt - facts.downAt)) / 1000);
  const report: LoadReport = {
    rate: shared,
    wholeRunRate: rateIn(first, facts.endAt),
    refused: api.refused,
    tokenFetches: api.tokenFetches,
    rejoinMs,
    phases: {
      beforeKill: rateIn(first, facts.killedAt),
      afterKill: rateIn(facts.killedAt, facts.downAt),
      // Less the first moments: requests the shared budget granted just before may be in flight.
      redisDown: rateIn(facts.downAt + IN_FLIGHT_MS, facts.restartAt),
      afterRejoin: rateIn(facts.backAt, facts.endAt),
    },
    accepted: api.accepted,
    records: facts.coordinator,
    failures: facts.failures,
    fellBack: workersThat(FELL_BACK, facts.stoppingAt).size,
    unlimited: beyond.count,
    rejoined: rejoined.size,
    survivors: facts.survivors,
    loadAverage: facts.loadAverage,
    problems: [],
  };
  report.problems = problems(report, options.rate, options.rateFloor ?? 1 - TOLERANCE);
  if (beyond.count > 0) report.problems.push(...beyond.detail);
  if (process.env.LOAD_DEBUG) {
    for (const refusedAt of api.refusedAt) {
      const near = times.filter((t) => Math.abs(t - refusedAt) < 1500).map((t) => t - refusedAt);
      console.log(`429 at +${refusedAt - facts.start} ms; accepted around it: ${near.join(" ")}`);
    }
  }
  return report;
}

function problems(report: LoadReport, budget: number, floor: number): string[] {
  const out: string[] = [];
  if (report.refused > 0) out.push(`the API answered 429 ${report.refused} times`);
  if (report.rate > budget * (1 + TOLERANCE) || report.rate < budget * floor) {
    const band = `${(floor * budget).toFixed(1)}–${((1 + TOLERANCE) * budget).toFixed(1)}`;
    out.push(`aggregate rate ${report.rate.toFixed(2)} req/s is outside ${band} req/s`);
  }
  if (report.tokenFetches !== 1) out.push(`${report.tokenFetches} token fetches, not 1`);
  if (report.phases.afterKill < budget * (floor - TOLERANCE))
    out.push(`after the kill the others sent ${report.phases.afterKill.toFixed(2)} req/s`);
  if (report.phases.redisDown > budget * (1 + TOLERANCE))
    out.push(`while Redis was down the workers sent ${report.phases.redisDown.toFixed(2)} req/s`);
  if (report.unlimited > 0)
    out.push(`${report.unlimited} requests went out while Redis was down beyond a worker's share`);
  if (report.fellBack === 0) out.push("no worker fell back to its share while Redis was down");
  if (report.rejoined < report.survivors)
    out.push(`${report.survivors - report.rejoined} workers never rejoined`);
  if (!(report.rejoinMs < 2000)) out.push(`rejoin took ${report.rejoinMs} ms (limit 2000)`);
  if (report.records.lost > 0) out.push(`${report.records.lost} records lost`);
  if (report.records.duplicates > 0) out.push(`${report.records.duplicates} records sent twice`);
  return out;
}

function firstTime(events: { worker: number; time: number }[], worker: number): number {
  return Math.min(...events.filter((e) => e.worker === worker).map((e) => e.time));
}

/** The last line of `npm run load:shared`. */
export function summary(report: LoadReport, budget: number): string {
  return `shared budget: ${report.rate.toFixed(2)} req/s of ${budget}, ${report.refused} 429s, ${report.tokenFetches} token fetches, rejoin ${Math.round(report.rejoinMs)} ms`;
}
