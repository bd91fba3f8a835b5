/** The bundled example spec: the default when the user just presses Enter. */
import { existsSync } from "node:fs";

export function exampleSpecPath(): string {
  for (const rel of [
    "../../examples/specs/vulnscan.yaml",
    "../../../examples/specs/vulnscan.yaml",
  ]) {
    const path = new URL(rel, import.meta.url).pathname;
    if (existsSync(path)) return path;
  }
  throw new Error("capkit: examples/specs/vulnscan.yaml is missing from the installed package");
}
