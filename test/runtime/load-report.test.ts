// The load:shared report's outage check, on crafted runs: it must flag a worker that sends past
// its share while Redis is down, and not a worker that keeps to it on a slow machine.
import { describe, expect, it } from "vitest";
import { SHORT_RUN as options } from "../../scripts/load-shared/harness.js";
import { checkRun, type RunFacts } from "../../scripts/load-shared/report.js";

const FELL_BACK =
  "shared rate-limit budget unreachable: this process sends at most its share until Redis is back";
const SHARE = 20 / 3;

/**
 * Redis told to stop at 4,900, exited at 5,000, told to start at 6,000, answering at 6,200; each
 * worker says it is back at 6,300 unless `back` says otherwise.
 */
function run(
  sends: Record<string, number[]>,
  events: RunFacts["events"],
  back: Record<number, number> = {},
): RunFacts {
  const acceptedAt: number[] = [];
  const acceptedBy: string[] = [];
  // Steady shared traffic outside the outage, so the other checks have something to measure.
  for (let t = 0; t < 8000; t += 50) {
    if (t >= 4900 && t < 6300) continue;
    acceptedAt.push(t);
    acceptedBy.push(String(t % 3));
  }
  for (const [worker, times] of Object.entries(sends)) {
    for (const t of times) {
      acceptedAt.push(t);
      acceptedBy.push(worker);
    }
  }
  const rejoins = [0, 1, 2].map((worker) => ({
    worker,
    msg: "state store: Redis is back",
    time: back[worker] ?? 6300,
  }));
  return {
    options,
    start: 0,
    endAt: 8000,
    killedAt: 2400,
    stoppingAt: 4900,
    downAt: 5000,
    restartAt: 6000,
    backAt: 6200,
    survivors: 3,
    api: {
      accepted: acceptedAt.length,
      refused: 0,
      tokenFetches: 1,
      unauthorized: 0,
      acceptedAt,
      acceptedBy,
      refusedAt: [],
      fetched: new Map(),
      issued: ["t"],
    },
    coordinator: { minted: 200, lost: 0, duplicates: 0 },
    failures: {},
    events: [...events, ...rejoins],
    loadAverage: [[0], [0]],
  };
}

/** Evenly spaced sends at `rate` per second in [from, to). */
function paced(rate: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += 1000 / rate) out.push(Math.round(t));
  return out;
}

const fellBack = (worker: number, time: number) => ({
  worker,
  msg: FELL_BACK,
  time,
  perProcess: SHARE,
});

describe("load:shared report: sends while Redis is down", () => {
  it("passes workers on their share, late turns, held turns and a fallback seen before the exit", () => {
    const report = checkRun(
      run(
        {
          // Fell back while Redis was still shutting down (before the harness saw it exit).
          "0": [5260, 5270, ...paced(SHARE, 5300, 6000)],
          // Its share, with a turn used one interval late at the window's start.
          "1": [5250, ...paced(SHARE, 5255, 6000)],
          // Rejoined at 6,050, before the harness saw PING: a fresh shared window's turns go
          // out then.
          "2": [...paced(SHARE, 5300, 6050), ...paced(100, 6050, 6150)],
        },
        [fellBack(0, 4950), fellBack(1, 5100), fellBack(2, 5100)],
        { 2: 6050 },
      ),
    );
    expect(report.unlimited).toBe(0);
    expect(report.fellBack).toBe(3);
    expect(report.problems.filter((p) => /beyond a worker's share|^worker /.test(p))).toEqual([]);
  });

  it("flags a worker at twice its share, and one that never said it fell back", () => {
    const report = checkRun(
      run({ "0": paced(2 * SHARE, 5250, 6300), "1": paced(100, 5250, 6000) }, [fellBack(0, 5100)]),
    );
    expect(report.unlimited).toBeGreaterThan(0);
    const lines = report.problems.join("\n");
    expect(lines).toMatch(/requests went out while Redis was down beyond a worker's share/);
    expect(lines).toMatch(/worker 0: \d+ sent, \d+ allowed \(share 6\.67\/s\)/);
    expect(lines).toMatch(/worker 1: 75 sent, 2 allowed \(no share logged\)/);
  });

  it("counts a worker's sends until it says Redis is back, past the restart", () => {
    const report = checkRun(
      run({ "0": [...paced(SHARE, 5300, 6000), ...paced(300, 6000, 6300)] }, [fellBack(0, 5100)]),
    );
    expect(report.problems.join("\n")).toMatch(/worker 0: \d+ sent, 11 allowed \(share 6\.67\/s\)/);
  });

  it("does not credit a share logged before Redis was told to stop", () => {
    const report = checkRun(run({ "0": paced(SHARE, 5250, 6000) }, [fellBack(0, 4800)]));
    expect(report.problems.join("\n")).toMatch(/worker 0: \d+ sent, 2 allowed \(no share logged\)/);
  });
});
