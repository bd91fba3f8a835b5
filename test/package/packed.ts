/**
 * Both packages as npm publishes them: `npm pack` and `npm pack -w @capkit/runtime`, unpacked. The
 * scripts are skipped (`--ignore-scripts`): `npm test` has just built dist/ with the same `npm run
 * build` that `prepare` would run again. Run `npm run build` first when running these tests alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";

export const repoRoot = new URL("../../", import.meta.url).pathname;

export interface Packed {
  name: string;
  tarball: string;
  /** The tarball unpacked: `<dir>/package.json`, `<dir>/README.md`… */
  dir: string;
  files: string[];
}

async function pack(dest: string, workspace?: string): Promise<Packed> {
  const args = ["pack", "--json", "--ignore-scripts", "--pack-destination", dest];
  if (workspace) args.push("-w", workspace);
  const { stdout } = await execa("npm", args, { cwd: repoRoot });
  const [info] = JSON.parse(stdout) as {
    name: string;
    filename: string;
    files: { path: string }[];
  }[];
  if (!info) throw new Error(`npm pack printed no package: ${stdout}`);
  const tarball = join(dest, info.filename);
  const dir = join(dest, info.name.replace("/", "__"));
  mkdirSync(dir);
  await execa("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"]);
  return { name: info.name, tarball, dir, files: info.files.map((f) => f.path).sort() };
}

export async function packBoth(): Promise<{ capkit: Packed; runtime: Packed; dest: string }> {
  const dest = mkdtempSync(join(tmpdir(), "capkit-pack-"));
  const [capkit, runtime] = await Promise.all([pack(dest), pack(dest, "@capkit/runtime")]);
  return { capkit, runtime, dest };
}

/** Bytes on disk under a folder. */
export function folderSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderSize(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/**
 * A package's installed size with its dependencies: every folder its dependency closure resolves to
 * in `node_modules` (nested copies first, then hoisted), each counted once.
 */
export function installedSize(
  project: string,
  name: string,
): { bytes: number; packages: string[] } {
  const seen = new Map<string, string>();
  const visit = (from: string, dep: string): void => {
    // Node's lookup: node_modules in the folder, then in every folder above, up to the project
    for (let at = from; ; at = dirname(at)) {
      const dir = join(at, "node_modules", dep);
      if (!existsSync(join(dir, "package.json"))) {
        if (at === project) throw new Error(`${dep} is not installed (needed from ${from})`);
        continue;
      }
      if (seen.has(dir)) return;
      seen.set(dir, dep);
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      for (const next of Object.keys(pkg.dependencies ?? {})) visit(dir, next);
      return;
    }
  };
  visit(project, name);
  let bytes = 0;
  for (const dir of seen.keys()) {
    // a package's own nested node_modules are counted as their own packages, not twice
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      bytes += entry.isDirectory() ? folderSize(path) : statSync(path).size;
    }
  }
  return { bytes, packages: [...seen.values()].sort() };
}

/**
 * A user's shell: this process's environment without what npm and vitest put there (`npm_config_*`
 * from this repository's .npmrc would load tsx into the user's installs), npm quiet and served
 * from its cache when it can, and a git identity.
 */
export function userEnv(): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    (e): e is [string, string] =>
      e[1] !== undefined && !/^(npm_|VITEST|NODE_ENV$|TEST$|INIT_CWD$)/i.test(e[0]),
  );
  return {
    ...Object.fromEntries(inherited),
    NODE_OPTIONS: "",
    NO_COLOR: "1",
    npm_config_prefer_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    GIT_AUTHOR_NAME: "capkit test",
    GIT_AUTHOR_EMAIL: "test@example.invalid",
    GIT_COMMITTER_NAME: "capkit test",
    GIT_COMMITTER_EMAIL: "test@example.invalid",
  };
}
