/** The bundled example spec: the default when the user just presses Enter. */
import { packageFile } from "../shared/package-file.js";

export function exampleSpecPath(): string {
  return packageFile("examples/specs/vulnscan.yaml");
}
