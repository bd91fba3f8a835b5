/**
 * Generates one document's integration in a child process (the bin, as a user runs it), bounded in
 * time, and sorts the outcome: written, refused with a capkit message, or crashed.
 */
import { execFile } from "node:child_process";

export type GenerateOutcome =
  | { kind: "written"; operations: number; ms: number }
  | { kind: "rejected"; message: string; ms: number }
  | { kind: "broken"; reason: string; ms: number };

const STACK_FRAME = /\n\s+at .+:\d+:\d+/;

export function generateOne(
  bin: string,
  spec: string,
  service: string,
  out: string,
  timeoutMs: number,
): Promise<GenerateOutcome> {
  const started = performance.now();
  const args = [
    bin,
    "generate",
    "--spec",
    spec,
    "--name",
    service,
    "--out",
    out,
    "--no-verify",
    "--force",
    "--json",
  ];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        timeout: timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, NODE_OPTIONS: "" },
      },
      (error, stdout, stderr) => {
        const ms = performance.now() - started;
        const err = error as
          | (Error & { code?: number | string; killed?: boolean; signal?: string })
          | null;
        if (err?.killed || err?.signal) {
          resolve({ kind: "broken", reason: `timed out after ${timeoutMs / 1000} s`, ms });
          return;
        }
        if (STACK_FRAME.test(stderr)) {
          resolve({
            kind: "broken",
            reason: `stack trace: ${stderr.trim().split("\n").slice(0, 2).join(" ")}`,
            ms,
          });
          return;
        }
        if (err) {
          const message = stderr.trim().replace(/^capkit: /, "");
          if (err.code === 1 || err.code === 2) resolve({ kind: "rejected", message, ms });
          else resolve({ kind: "broken", reason: `exit ${err.code}: ${message}`, ms });
          return;
        }
        try {
          const report = JSON.parse(stdout) as { files_modified?: string[]; summary?: string };
          const operations = Number(/\((\d+) operations/.exec(report.summary ?? "")?.[1] ?? 0);
          resolve({ kind: "written", operations, ms });
        } catch {
          resolve({ kind: "broken", reason: "generate printed no JSON report", ms });
        }
      },
    );
  });
}
