// `npm run load:shared`: worker processes share one budget through a real redis-server against a
// loopback API that answers 429 above its rate. One worker is killed and Redis is restarted
// mid-run; the report counts what the API and the coordinator saw (rates over windows, not timers).
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startLimitedApi } from "../../test/runtime/helpers/limited-api.js";
import { startRedis } from "../../test/runtime/helpers/redis-server.js";
import { Coordinator } from "./coordinator.js";
import { checkRun, type LoadReport, type RunFacts } from "./report.js";

export interface LoadOptions {
  workers: number;
  seconds: number;
  /** The budget, and the rate the API accepts. */
  rate: number;
  /** Requests the API accepts back to back (its bucket). */
  burst: number;
  /** Requests each worker keeps waiting for a turn. */
  concurrency: number;
  /** When one worker is killed, and when Redis is stopped, as fractions of the run. */
  killAt: number;
  redisDownAt: number;
  redisDownMs: number;
  /**
   * Lowest shared rate that passes, as a share of the budget. Default 0.95 (within 5 %). The
   * ceiling is always 1.05: sending more is a breach; sending less on a starved machine is not.
   */
  rateFloor?: number;
  progress?: (line: string) => void;
}

interface StoreEvent {
  worker: number;
  msg: string;
  time: number;
  /** The share a worker fell back to (req/s), on the fallback line. */
  perProcess?: number;
}

/**
 * The shortened run `npm test` makes (test/runtime/load-shared.test.ts): four workers, eight
 * seconds, a kill and a Redis restart. The floor is looser than the full run's (see that test).
 */
export const SHORT_RUN = {
  workers: 4,
  seconds: 8,
  rate: 20,
  burst: 10,
  concurrency: 2,
  killAt: 0.3,
  redisDownAt: 0.6,
  redisDownMs: 1000,
  rateFloor: 0.85,
} satisfies LoadOptions;

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

export async function runSharedLoad(options: LoadOptions): Promise<LoadReport> {
  const say = options.progress ?? (() => {});
  const loadBefore = loadavg();
  const [redis, api] = await Promise.all([
    startRedis(),
    startLimitedApi({ rate: options.rate, burst: options.burst }),
  ]);
  const coordinator = new Coordinator();
  const events: StoreEvent[] = [];
  const secret = randomBytes(24).toString("base64url");
  const env = {
    ...process.env,
    CAPKIT_REDIS_URL: redis.url,
    CAPKIT_LOG_LEVEL: "info",
    LOAD_API_URL: api.url,
    LOAD_TOKEN_URL: api.tokenUrl,
    LOAD_CLIENT_SECRET: secret,
    LOAD_RATE: String(options.rate),
    LOAD_CONCURRENCY: String(options.concurrency),
  };
  const children: ChildProcess[] = [];
  const exits: Promise<void>[] = [];
  try {
    const ready = Array.from({ length: options.workers }, (_, worker) => {
      const child = fork(WORKER, [], {
        env: { ...env, LOAD_WORKER: String(worker) },
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "pipe", "inherit", "ipc"],
      });
      children.push(child);
      exits.push(new Promise((resolve) => child.once("exit", () => resolve())));
      child.once("exit", () => coordinator.lost(worker));
      watchLog(child, worker, events);
      return new Promise<void>((resolve) => {
        child.on("message", (message: WorkerMessage) => {
          if (message.type === "ready") resolve();
          else if (message.type === "next") {
            child.send({ type: "id", seq: message.seq, id: coordinator.next(worker) });
          } else if (message.type === "sent") coordinator.sentBy(worker, message.id);
          else if (message.type === "failed")
            coordinator.failedBy(worker, message.id, message.code);
        });
      });
    });
    await Promise.all(ready);
    say(
      `${options.workers} workers ready; load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")}`,
    );

    const start = Date.now();
    const at = (fraction: number) => start + fraction * options.seconds * 1000;
    for (const child of children) child.send({ type: "go" });

    await sleepUntil(at(options.killAt));
    const killedAt = Date.now();
    const victim = children[children.length - 1];
    victim?.kill("SIGKILL");
    say(`killed worker ${children.length} at ${((killedAt - start) / 1000).toFixed(1)} s`);

    await sleepUntil(at(options.redisDownAt));
    // The outage is bounded from both sides by what the harness knows for sure: a worker may see
    // Redis go from the moment it is told to stop (stoppingAt), and Redis is down at least from
    // its exit (downAt) until it is told to start again (restartAt), whenever PING answers.
    const stoppingAt = Date.now();
    await redis.stop();
    const downAt = Date.now();
    say(`redis stopped at ${((downAt - start) / 1000).toFixed(1)} s`);
    await sleepUntil(downAt + options.redisDownMs);
    const restartAt = Date.now();
    await redis.start();
    const backAt = Date.now();
    say(`redis back at ${((backAt - start) / 1000).toFixed(1)} s`);

    await sleepUntil(at(1));
    const endAt = Date.now();
    coordinator.close();
    await Promise.race([Promise.all(exits), sleep(60_000)]);

    const facts: RunFacts = {
      options,
      start,
      endAt,
      killedAt,
      stoppingAt,
      downAt,
      restartAt,
      backAt,
      survivors: options.workers - 1,
      api: api.stats,
      coordinator: coordinator.tally(),
      failures: Object.fromEntries(coordinator.failures),
      events,
      loadAverage: [loadBefore, loadavg()],
    };
    return checkRun(facts);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    await Promise.all([redis.close(), api.close()]);
  }
}

type WorkerMessage =
  | { type: "ready" }
  | { type: "next"; seq: number }
  | { type: "sent"; id: string }
  | { type: "failed"; id: string; code: string };

/** The state store's lines (lost, back, fallback share) from a worker's JSON log. */
function watchLog(child: ChildProcess, worker: number, events: StoreEvent[]): void {
  if (!child.stdout) return;
  createInterface({ input: child.stdout }).on("line", (line) => {
    try {
      const entry = JSON.parse(line) as { msg?: unknown; time?: unknown; perProcess?: unknown };
      if (typeof entry.msg === "string" && typeof entry.time === "number") {
        const event: StoreEvent = { worker, msg: entry.msg, time: entry.time };
        if (typeof entry.perProcess === "number") event.perProcess = entry.perProcess;
        events.push(event);
      }
    } catch {
      // Not a log line.
    }
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function sleepUntil(time: number): Promise<void> {
  return sleep(time - Date.now());
}
