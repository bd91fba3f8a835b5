/**
 * A file shipped with capkit (templates, the example spec, the compiled plopfile). Modules run from
 * `src/<stage>/` in development and from `dist/src/<stage>/` when installed, so both depths are tried.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function packageFile(rel: string): string {
  for (const prefix of ["../../", "../../../"]) {
    const path = fileURLToPath(new URL(`${prefix}${rel}`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`capkit: ${rel} is missing from the installed package`);
}
