// `capkit lint` runs in commit hooks, where loading modules is most of its time: on Node 20 (no module
// compile cache before 22.1) every ESM file costs a resolve, a read and a link, and commander is CommonJS
// that Node's ESM loader must first scan for its exports. The lint entry is therefore bundled, after
// `tsc`, into dist/lint/ with esbuild: the commit hook loads one file and two small chunks. Dynamic
// imports stay lazy (split into chunks); npm packages other than commander stay external.
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
const inline = new Set(process.env.BUNDLE_COMMANDER === "0" ? [] : ["commander"]);
const packages = Object.keys({
  ...pkg.dependencies,
  ...pkg.devDependencies,
  ...pkg.peerDependencies,
});
rmSync(`${root}dist/lint`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ["dist/src/cli/lint-main.js"],
  outdir: "dist/lint",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: packages.filter((name) => !inline.has(name)),
  // commander is CommonJS: its `require("node:events")`… need a real require inside an ES module
  banner: {
    js: 'import { createRequire as __capkitRequire } from "node:module";\nconst require = __capkitRequire(import.meta.url);',
  },
  logLevel: "warning",
});
