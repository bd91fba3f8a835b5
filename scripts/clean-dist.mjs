// Stale files in dist/ would keep deleted modules importable; start every build from empty.
// Usage: node scripts/clean-dist.mjs [folder relative to the repository root] (default dist).
import { rmSync } from "node:fs";

const folder = process.argv[2] ?? "dist";
rmSync(new URL(`../${folder}/`, import.meta.url), { recursive: true, force: true });
