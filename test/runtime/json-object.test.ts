// jsonObject(): the generated schemas' open object. It must accept and refuse exactly what
// z.record(z.string(), z.unknown()) does on parsed JSON, with the same issue, without the copy.
import { describe, expect, it } from "vitest";
import { jsonObject, z } from "../../packages/runtime/src/index.js";

const open = z.looseObject({ a: jsonObject(), b: jsonObject().nullish() });
const record = z.looseObject({
  a: z.record(z.string(), z.unknown()),
  b: z.record(z.string(), z.unknown()).nullish(),
});
const compiled = z.compile(open);

const BODIES = [
  '{"a":{}}',
  '{"a":{"x":1,"y":[1,{"z":null}]},"b":null}',
  '{"a":{"__proto__":{"p":1}},"b":{"q":"r"},"c":3}',
  '{"a":[]}',
  '{"a":null}',
  '{"a":"text"}',
  '{"a":0}',
  '{"a":false}',
  '{"b":{}}',
  '{"a":{},"b":[]}',
  '{"a":{},"b":"x"}',
];

const issues = (result: z.ZodSafeParseResult<unknown>) =>
  (result.error?.issues ?? []).map((i) => ({
    path: i.path,
    code: i.code,
    expected: i.code === "invalid_type" ? i.expected : undefined,
  }));

describe("jsonObject() against z.record(z.string(), z.unknown())", () => {
  it.each(BODIES)("%s: same verdict, same issues (expected object for record)", (body) => {
    for (const schema of [open, compiled]) {
      const ours = schema.safeParse(JSON.parse(body));
      const theirs = record.safeParse(JSON.parse(body));
      expect(ours.success).toBe(theirs.success);
      expect(issues(ours)).toEqual(
        issues(theirs).map((i) => ({ ...i, expected: i.expected && "object" })),
      );
      // the one difference: a record's copy turns a `__proto__` key into the copy's prototype,
      // where the object itself keeps it as the data it was sent as (tested below)
      if (ours.success && theirs.success && !body.includes("__proto__")) {
        expect(JSON.stringify(ours.data)).toBe(JSON.stringify(theirs.data));
      }
    }
  });

  it("returns the object it was given, not a copy (and never touches Object's prototype)", () => {
    const payload = JSON.parse('{"a":{"__proto__":{"p":1},"n":1},"b":{"m":2}}');
    const parsed = compiled.parse(payload);
    expect(parsed.a).toBe(payload.a);
    expect(parsed.b).toBe(payload.b);
    expect(Object.hasOwn(parsed.a, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(parsed.a)).toBe(Object.prototype);
    expect("p" in {}).toBe(false);
  });
});
