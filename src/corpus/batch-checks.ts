/**
 * The checks that run once for every generated integration together: one `tsc` over all of them
 * (TypeScript 7 checks a few hundred files faster than it starts a dozen times) and one vitest run.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { classify, type TestRunResult, type VitestJson } from "../verify/run-tests.js";
import { MODULE_MODES, type ModuleMode, STRICT_FLAGS } from "../verify/strict.js";
import { resolvable, tscBin, vitestBin } from "../verify/tools.js";

function run(
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NODE_OPTIONS: "", CI: "1" },
      },
      (error, stdout, stderr) => {
        const code = error
          ? typeof (error as { code?: unknown }).code === "number"
            ? (error as { code: number }).code
            : 1
          : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/**
 * Type errors per integration folder (the folder's name under `root`), under the strict flags with
 * `nodenext` and with `bundler` resolution: the same files, one `tsc` per mode.
 */
export async function typecheckAll(
  root: string,
  folders: string[],
): Promise<Map<string, string[]>> {
  const errors = new Map<string, string[]>();
  for (const mode of Object.keys(MODULE_MODES) as ModuleMode[]) {
    for (const [folder, lines] of await typecheckMode(root, folders, mode)) {
      const tagged = lines.map((line) => (mode === "nodenext" ? line : `[${mode}] ${line}`));
      errors.set(folder, [...(errors.get(folder) ?? []), ...tagged]);
    }
  }
  return errors;
}

async function typecheckMode(
  root: string,
  folders: string[],
  mode: ModuleMode,
): Promise<Map<string, string[]>> {
  const files = folders.flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(root, folder, f)),
  );
  const errors = new Map<string, string[]>();
  if (files.length === 0) return errors;
  const types = resolvable(root, "@types/node/package.json")
    ? ["--types", "node"]
    : ["--types", ""];
  const args = [tscBin(), ...STRICT_FLAGS, ...MODULE_MODES[mode], ...types, ...files];
  const { output } = await run(args, root, 600_000);
  for (const line of output.split("\n")) {
    const match = /^(.+?)\(\d+,\d+\): error /.exec(line);
    if (!match) continue;
    const folder = relative(root, resolve(root, match[1]!)).split(sep)[0]!;
    errors.set(folder, [...(errors.get(folder) ?? []), line.trim()]);
  }
  return errors;
}

/** Test results per integration folder, from one vitest run over all of them. */
export async function testAll(root: string, jobs: number): Promise<Map<string, TestRunResult>> {
  const results = new Map<string, TestRunResult>();
  const bin = vitestBin(root);
  if (!bin) return results;
  const config = join(root, "corpus.vitest.config.mjs");
  const report = join(root, "corpus.vitest.json");
  writeFileSync(
    config,
    `export default { cacheDir: ${JSON.stringify(join(tmpdir(), "capkit-vitest-cache"))}, test: { include: ["*/*.test.ts"], testTimeout: 20000, maxWorkers: ${jobs} } };\n`,
  );
  await run(
    [bin, "run", "--root", root, "--config", config, "--reporter=json", `--outputFile=${report}`],
    root,
    900_000,
  );
  let parsed: VitestJson = {};
  try {
    parsed = JSON.parse(readFileSync(report, "utf8"));
  } catch {
    return results;
  } finally {
    rmSync(config, { force: true });
    rmSync(report, { force: true });
  }
  // an integration has more than one test file (its tests, its transforms' tests): one verdict each
  const byFolder = new Map<string, NonNullable<VitestJson["testResults"]>>();
  for (const file of parsed.testResults ?? []) {
    const folder = relative(root, file.name ?? "").split(sep)[0]!;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  for (const [folder, files] of byFolder) {
    const verdict = classify({ testResults: files });
    results.set(folder, { ran: true, ...verdict, output: "", command: "vitest run" });
  }
  return results;
}
