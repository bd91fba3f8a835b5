import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collectRefs, scanJsonRefs } from "../../src/openapi/refs.js";
import { fixture } from "./helpers.js";

describe("scanJsonRefs", () => {
  const cases: [string, { given: string; want: string[] }][] = [
    [
      "plain",
      { given: '{"a":{"$ref":"#/components/schemas/A"}}', want: ["#/components/schemas/A"] },
    ],
    ["spaces around the colon", { given: '{"a":{ "$ref" : "#/x" }}', want: ["#/x"] }],
    [
      "escapes are decoded",
      {
        given: '{"a":{"$ref":"#/components/schemas/a\\u002Fb\\"c"}}',
        want: ['#/components/schemas/a/b"c'],
      },
    ],
    [
      "external refs are found",
      { given: '{"a":{"$ref":"./other.json#/A"}}', want: ["./other.json#/A"] },
    ],
    [
      "a $ref written inside a string value is data",
      { given: '{"description":"use \\"$ref\\": \\"#/nope\\""}', want: [] },
    ],
    ["distinct values only", { given: '[{"$ref":"#/a"},{"$ref":"#/a"}]', want: ["#/a"] }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect([...scanJsonRefs(given)]).toEqual(want);
  });

  it.each(["github.json", "digitalocean.json", "vercel-3.1.json", "1password-events.json"])(
    "finds exactly the refs a tree walk finds in %s",
    (name) => {
      const text = readFileSync(fixture(name), "utf8");
      const walked = new Set(collectRefs(JSON.parse(text)).map((r) => r.ref));
      expect(scanJsonRefs(text)).toEqual(walked);
    },
  );
});
