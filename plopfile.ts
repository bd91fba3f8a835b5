/**
 * capkit's plopfile: `npx plop integration` here, and `plop.load("capkit")` in a user repository
 * (which resolves to the compiled `dist/plopfile.js`).
 */
import type { NodePlopAPI } from "node-plop";
import { integrationGenerator } from "./generators/integration.js";

export default function plopfile(plop: NodePlopAPI): void {
  plop.setGenerator("integration", integrationGenerator(plop));
}
