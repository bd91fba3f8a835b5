/**
 * Formats emitted files with Biome (a native binary: one spawn for the whole integration) and the
 * generator's own config, so the output is the same in every repository, whatever its settings.
 */

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { EmittedFile } from "../emit/index.js";
import { packageFile } from "../shared/package-file.js";
import { formatJsonLikeBiome } from "./format-json.js";

const require = createRequire(import.meta.url);

/** The native binary when its platform package is installed (one spawn), else the Node shim. */
function biomeCommand(): { file: string; args: string[] } {
  const exe = process.platform === "win32" ? "biome.exe" : "biome";
  for (const suffix of ["", "-musl"]) {
    try {
      const file = require.resolve(
        `@biomejs/cli-${process.platform}-${process.arch}${suffix}/${exe}`,
      );
      return { file, args: [] };
    } catch {
      // try the next variant
    }
  }
  const pkg = require.resolve("@biomejs/biome/package.json");
  return { file: process.execPath, args: [join(dirname(pkg), "bin", "biome")] };
}

const configPath = () => packageFile("templates/biome-generated.json");

export async function formatFiles(files: EmittedFile[]): Promise<EmittedFile[]> {
  // JSON whose layout is known is printed here; Biome gets the rest, in one spawn
  const done = new Map<string, string>();
  for (const f of files) {
    const printed = f.path.endsWith(".json") ? formatJsonLikeBiome(f.content) : undefined;
    if (printed !== undefined) done.set(f.path, printed);
  }
  const formattable = (path: string) =>
    !done.has(path) && (path.endsWith(".ts") || path.endsWith(".json"));
  const rest = files.filter((f) => formattable(f.path));
  const formatted = rest.length > 0 ? await runBiome(rest) : new Map<string, string>();
  return files.map((f) => {
    const content = done.get(f.path) ?? formatted.get(f.path);
    return content === undefined ? f : { ...f, content };
  });
}

/** Biome's text for each file, by path (empty when Biome fails); exported for the tests. */
export async function runBiome(files: EmittedFile[]): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), "capkit-format-"));
  try {
    for (const f of files) writeFileSync(join(dir, f.path), f.content);
    const biome = biomeCommand();
    // node:child_process rather than execa: this runs on every generate, and execa costs ~90 ms to import.
    const result = await promisify(execFile)(
      biome.file,
      [
        ...biome.args,
        "check",
        "--write",
        "--config-path",
        configPath(),
        "--no-errors-on-unmatched",
        dir,
      ],
      { env: { ...process.env, NODE_OPTIONS: "" } },
    ).then(
      () => ({ exitCode: 0 }),
      (error: { code?: number }) => ({ exitCode: typeof error.code === "number" ? error.code : 1 }),
    );
    // Formatting is cosmetic; a file Biome cannot parse is a capkit bug that tsc will name.
    if (result.exitCode !== 0) return new Map();
    return new Map(files.map((f) => [f.path, readFileSync(join(dir, f.path), "utf8")]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
