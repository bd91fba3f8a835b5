/**
 * capkit's plopfile and its package entry: `npx plop integration` here, and `plop.load("capkit")` in
 * a user repository (plop resolves `main`, which is this file compiled, as is the `exports` entry).
 */
import type { NodePlopAPI } from "node-plop";
import { integrationGenerator } from "./generators/integration.js";

// The library's public surface rides on the same entry: `import { CapkitError } from "capkit"`.
export * from "./src/index.js";

export default function plopfile(plop: NodePlopAPI): void {
  plop.setGenerator("integration", integrationGenerator(plop));
}
