import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, posix, relative, resolve, sep } from "node:path";
import { CapkitError } from "../errors.js";
import type { LintConfig } from "./config.js";
import { MANIFEST, type Store } from "./folder.js";
import { gitTopLevel, indexEntries, readBlobs, stagedChanges } from "./git.js";

export interface Collected {
  /** Display paths of the files to lint, sorted. */
  targets: string[];
  store: Store;
}

const SKIP_DIRS = new Set(["node_modules", "dist", ".git", "coverage"]);

export function isLintable(path: string): boolean {
  return path.endsWith(".ts") && !path.endsWith(".d.ts");
}

function toDisplay(cwd: string, abs: string): string {
  const rel = relative(cwd, abs).split(sep).join("/");
  return rel === "" ? "." : rel;
}

function walk(abs: string, out: string[]): void {
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith("."))
        walk(join(abs, entry.name), out);
    } else if (entry.isFile() && isLintable(entry.name)) out.push(join(abs, entry.name));
  }
}

export function fsStore(cwd: string): Store {
  return {
    kind: "fs",
    list: (dir) => {
      try {
        return readdirSync(resolve(cwd, dir), { withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => e.name)
          .sort();
      } catch {
        return [];
      }
    },
    read: (path) => {
      try {
        return readFileSync(resolve(cwd, path));
      } catch {
        return undefined;
      }
    },
  };
}

/** Working-tree mode: every `.ts` file under the given paths (default: the integrations folder). */
export function collectFromFs(cwd: string, paths: string[], config: LintConfig): Collected {
  const roots = paths.length > 0 ? paths : [config.integrationsDir];
  const found: string[] = [];
  for (const root of roots) {
    const abs = resolve(cwd, root);
    if (!existsSync(abs)) {
      // the default folder may simply not exist yet: nothing to lint is not an error
      if (paths.length === 0) continue;
      throw new CapkitError("PATH_NOT_FOUND", `${root}: no such file or directory`, {
        source: root,
        exitCode: 2,
      });
    }
    if (statSync(abs).isDirectory()) walk(abs, found);
    else found.push(abs);
  }
  const targets = [...new Set(found.map((abs) => toDisplay(cwd, abs)))].sort();
  return { targets, store: fsStore(cwd) };
}

function within(path: string, roots: string[]): boolean {
  return roots.some((root) => root === "" || path === root || path.startsWith(`${root}/`));
}

/** `--staged` mode: the staged content of staged files, read from the index, never the working tree. */
export function collectStaged(cwd: string, paths: string[], config: LintConfig): Collected {
  const realCwd = realpathSync(cwd);
  const top = gitTopLevel(realCwd);
  const toRepo = (p: string) => relative(top, resolve(realCwd, p)).split(sep).join("/");
  const roots = (paths.length > 0 ? paths : [config.integrationsDir]).map(toRepo);
  const staged = stagedChanges(top)
    .map((change) => change.path)
    .filter((p) => isLintable(p) && within(p, roots));
  const folders = [...new Set(staged.map((p) => posix.dirname(p)))];
  const entries = folders.length > 0 ? indexEntries(top, folders) : new Map<string, string>();
  const wanted = [...staged, ...folders.map((d) => (d === "." ? MANIFEST : `${d}/${MANIFEST}`))];
  const blobs = readBlobs(
    top,
    wanted.map((p) => entries.get(p)).filter((s): s is string => s !== undefined),
  );
  const display = (repoPath: string) => toDisplay(realCwd, join(top, repoPath));
  const byDisplay = new Map([...entries].map(([p, sha]) => [display(p), { repo: p, sha }]));
  const store: Store = {
    kind: "index",
    list: (dir) => {
      const repoDir = toRepo(dir);
      return [...entries.keys()]
        .filter((p) => posix.dirname(p) === (repoDir === "" ? "." : repoDir))
        .map((p) => posix.basename(p))
        .sort();
    },
    read: (path) => {
      const hit = byDisplay.get(path);
      if (!hit) return undefined;
      const cached = blobs.get(hit.sha);
      if (cached) return cached;
      const more = readBlobs(top, [hit.sha]);
      return more.get(hit.sha);
    },
  };
  return { targets: staged.map(display).sort(), store };
}
