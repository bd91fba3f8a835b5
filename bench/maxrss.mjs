// Loaded with `node --import` by the benchmarks: prints the process's peak resident memory (all its
// threads) on stderr when it exits, so a benchmark can read it without an external `time` tool.
process.on("exit", () => {
  process.stderr.write(`\ncapkit-bench-maxrss-kb ${process.resourceUsage().maxRSS}\n`);
});
