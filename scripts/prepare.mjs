// npm's `prepare` (after `npm install` in a checkout, before `npm pack`): build dist/ unless it was
// built from exactly these sources already. pre-commit's node language runs `npm install` and then
// `npm pack` in its clone; without this, the second would build everything a second time.
// `npm run build` (and so `npm test`) always builds.
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
// outside dist/, which is packed: the stamp is this checkout's business only
const STAMP = join(root, "node_modules/.cache/capkit/prepared");
const OUTPUTS = [
  "dist/src/cli/main.js",
  "dist/plopfile.js",
  "dist/templates.cjs",
  "dist/lint",
  "packages/runtime/dist/index.js",
];
const SOURCES = [
  "src",
  "generators",
  "templates",
  "scripts",
  "plopfile.ts",
  "packages/runtime/src",
  "packages/runtime/package.json",
  "packages/runtime/tsconfig.json",
  "package.json",
  "tsconfig.base.json",
  "tsconfig.build.json",
];

/** The newest change under a path: files, and folders (a deleted file changes its folder). */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

const complete = OUTPUTS.every((p) => existsSync(join(root, p)));
const built = complete && existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const changed = Math.max(
  ...SOURCES.map((p) => join(root, p))
    .filter(existsSync)
    .map(newest),
);
if (changed >= built) {
  execSync("npm run build", { cwd: root, stdio: "inherit" });
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}
