import { loadSpec } from "../dist/src/openapi/index.js";
import { readSnapshot } from "../dist/src/update/base-store.js";
import { compareSpecs } from "../dist/src/update/diff/compare.js";
import { readManifest } from "../dist/src/update/manifest.js";
const dir = ".cache/bench-update/github-v1";
let t = performance.now();
const lap = (l) => { const n = performance.now(); console.log(l, (n - t).toFixed(0)); t = n; };
const manifest = readManifest(dir); lap("manifest");
const snap = readSnapshot(dir); lap("snapshot");
const spec = await loadSpec(".cache/bench-update/spec/github.json"); lap("load");
const changes = compareSpecs(snap, spec.document, manifest.operations); lap("compare");
console.log(changes.length);
const { flattenSchema } = await import("../dist/src/update/diff/fields.js");
const { indexOperations } = await import("../dist/src/openapi/operations.js");
const { successResponse } = await import("../dist/src/openapi/schema.js");
for (let i = 0; i < 5; i++) { t = performance.now(); compareSpecs(snap, spec.document, manifest.operations); lap("compare#" + i); }
t = performance.now(); indexOperations(spec.document); lap("index (cached)");
let total = 0;
for (const op of indexOperations(spec.document).operations.filter(o => manifest.operations.includes(o.operationId))) {
  const r = successResponse(spec.document, op); if (!r?.schema) continue;
  const tt = performance.now(); const m = flattenSchema(spec.document, r.schema); total += m.size;
  console.log(op.operationId, m.size, (performance.now() - tt).toFixed(0));
}
