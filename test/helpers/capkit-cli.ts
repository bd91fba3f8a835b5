import { execa } from "execa";

const bin = new URL("../../bin/capkit.js", import.meta.url).pathname;

/** Runs the built `capkit` bin as a user would: no tsx loader, no terminal. */
export function runCapkit(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
) {
  return execa(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NODE_OPTIONS: "", ...options.env },
    reject: false,
    all: true,
    timeout: 240_000,
  });
}

/** A stack frame line: what the CLI must never print. */
export const STACK_FRAME = /\n\s+at .+:\d+:\d+/;
