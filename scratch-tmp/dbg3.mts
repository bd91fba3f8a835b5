import { fileUnits, parse } from "../src/update/units.ts";
const a = parse("import { a } from 'x';\nfunction f() {}\n", "before.ts");
const ua = fileUnits(a);
const b = parse("import { a, b } from 'x';\nfunction f() {}\nfunction g() {}\n", "after.ts");
const ub = fileUnits(b);
console.log(ua.units.map((u) => u.key), ub.units.map((u) => u.key));
const a2 = parse("const z = 1;", "before.ts");
console.log(ua.units.map((u) => { try { return u.node.getText(); } catch (e) { return String(e).slice(0, 80); } }));
