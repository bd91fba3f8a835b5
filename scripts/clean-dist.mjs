// Stale files in dist/ would keep deleted modules importable; start every build from empty.
import { rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
