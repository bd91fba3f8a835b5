import { readFileSync } from "node:fs";
import { neededImports } from "../src/update/needed-imports.ts";
import { parse } from "../src/update/units.ts";
const target = parse(readFileSync("/tmp/scanhub-before/scanhub_transform.ts", "utf8"), "t.ts");
const after = parse(readFileSync("test/.tmp/u/scanhub/.capkit/base/scanhub_transform.ts.base", "utf8"), "a.ts");
const fn = after.getFunction("toContainerAsset")!;
console.log(neededImports(target, after, [fn], new Set(), 0));
