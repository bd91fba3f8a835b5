#!/usr/bin/env node
// The bin runs compiled JavaScript only: a commit hook must not pay for a TypeScript loader. `capkit
// lint` (the commit hook) takes its own bundled entry, which loads nothing of the other commands.
const entry = process.argv[2] === "lint" ? "../dist/lint/lint-main.js" : "../dist/src/cli/main.js";
const { main } = await import(entry);

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `capkit: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
