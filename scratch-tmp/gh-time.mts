import { loadSpec } from "/work/wt/update/src/openapi/index.js";
import { buildModel } from "/work/wt/update/src/model/index.js";
import { WANTED } from "/work/wt/update/bench/github-description.ts";
const file = "/work/wt/update/.cache/octokit-openapi/package/generated/api.github.com.json";
let t = performance.now();
const spec = await loadSpec(file);
console.log("load", (performance.now() - t).toFixed(0));
t = performance.now();
const model = buildModel(spec, { name: "github", operations: WANTED });
console.log("model", (performance.now() - t).toFixed(0));
t = performance.now();
const model2 = buildModel(spec, { name: "github", operations: WANTED });
console.log("model again", (performance.now() - t).toFixed(0));
const s = JSON.stringify(model.document, null, 2);
console.log("snapshot bytes", s.length);
const DROP = new Set(["description", "example", "examples", "externalDocs"]);
function slim(node: unknown, parentKey?: string): unknown {
  if (Array.isArray(node)) return node.map((n) => slim(n));
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      const inMap = parentKey === "properties" || parentKey === "schemas" || parentKey === "paths" || parentKey === "responses" || parentKey === "parameters" || parentKey === "content" || parentKey === "securitySchemes" || parentKey==="headers";
      if (!inMap && (DROP.has(k) || k.startsWith("x-"))) continue;
      out[k] = slim(v, k);
    }
    return out;
  }
  return node;
}
const sl = JSON.stringify(slim(model.document), null, 2);
console.log("slim bytes", sl.length, "lines", sl.split("\n").length);
const MAPS = new Set(["properties", "schemas", "paths", "responses", "parameters", "content", "securitySchemes", "headers", "patternProperties", "mapping", "requestBodies", "definitions", "$defs", "variables", "callbacks", "links"]);
function slim2(node: unknown, inSchema: boolean, isMap: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => slim2(n, inSchema, false));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (!isMap) {
      if (k === "example" || k === "examples" || k === "externalDocs" || k.startsWith("x-")) continue;
      if (k === "description" && inSchema) continue;
    }
    const childInSchema = inSchema || (!isMap && (k === "schema" || k === "schemas"));
    out[k] = slim2(v, childInSchema, !isMap && MAPS.has(k));
  }
  return out;
}
const sl2 = JSON.stringify(slim2(model.document, false, false), null, 2);
console.log("slim2 bytes", sl2.length, "lines", sl2.split("\n").length);
