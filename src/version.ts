import { readFileSync } from "node:fs";

/** capkit's own version, read once from package.json (dist/src/ and src/ are both two levels down). */
function readVersion(): string {
  for (const rel of ["../../package.json", "../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "capkit" && pkg.version) return pkg.version;
    } catch {
      // try the next candidate: the layout differs between src/ and dist/src/
    }
  }
  return "0.0.0";
}

export const VERSION = readVersion();
