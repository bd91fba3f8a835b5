// Node 20 has no module.enableCompileCache (22.1+), and compiling the 9 MB TypeScript bundle costs
// ~150 ms on every run — most of a commit hook's budget. We compile that one CommonJS file through
// vm.Script with V8's code cache stored under the temp dir, the technique of `v8-compile-cache`.
// Any failure falls back to a plain require: the cache is an optimisation, never a requirement.

import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

function cacheFile(path: string): string {
  const { size, mtimeMs } = statSync(path);
  const key = createHash("sha256")
    .update(`${path}\0${size}\0${mtimeMs}\0${process.version}\0${process.arch}`)
    .digest("hex")
    .slice(0, 24);
  const dir =
    process.env.CAPKIT_CACHE_DIR ??
    join(tmpdir(), `capkit-compile-cache-${process.getuid?.() ?? 0}`);
  return join(dir, `${key}.bin`);
}

/** Requires a CommonJS file, compiling it with a persisted V8 code cache. */
export function requireWithCodeCache(path: string): unknown {
  const require = createRequire(path);
  if (process.env.CAPKIT_NO_COMPILE_CACHE) return require(path);
  try {
    const cachePath = cacheFile(path);
    let cached: Buffer | undefined;
    try {
      cached = readFileSync(cachePath);
    } catch {
      cached = undefined;
    }
    // TypeScript's bundle is pure ASCII: latin1 decoding is exact and twice as fast as UTF-8
    const bytes = readFileSync(path);
    const source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
    const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    const script = new Script(wrapper, {
      filename: path,
      ...(cached ? { cachedData: cached } : {}),
    });
    const module = { exports: {} as unknown };
    (script.runInThisContext() as (...args: unknown[]) => void)(
      module.exports,
      require,
      module,
      path,
      dirname(path),
    );
    if (!cached || script.cachedDataRejected) {
      // written after the work, so the cache holds the functions the run actually compiled
      pending.set(cachePath, script);
      process.once("exit", flushCodeCache);
    }
    return module.exports;
  } catch {
    return require(path);
  }
}

const pending = new Map<string, Script>();

/**
 * Writes the code caches of scripts loaded without one. Runs at exit by itself; a worker thread that
 * is ended from outside never sees its exit event, so it calls this when its work is done.
 */
export function flushCodeCache(): void {
  for (const [path, script] of pending) writeCache(path, script);
  pending.clear();
}

function writeCache(path: string, script: Script): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, path);
  } catch {
    // a read-only or full temp dir only costs speed
  }
}

/**
 * Puts a CommonJS package, compiled with the code cache, into Node's module cache, so that a later
 * `import` of it (openapi-typescript's `import ts from "typescript"`) finds it already loaded.
 */
export function preloadWithCodeCache(specifier: string, from: string): void {
  const require = createRequire(from);
  let path: string;
  try {
    path = require.resolve(specifier);
  } catch {
    return;
  }
  if (require.cache[path]) return;
  putInModuleCache(path, requireWithCodeCache(path));
}

/** Registers `exports` as the loaded CommonJS module at `path`: a later require or import gets it. */
export function putInModuleCache(path: string, exports: unknown): void {
  const require = createRequire(path);
  const Module = require("node:module") as { new (id: string): NodeJS.Module };
  const entry = new Module(path);
  entry.filename = path;
  entry.exports = exports;
  entry.loaded = true;
  require.cache[path] = entry;
}
