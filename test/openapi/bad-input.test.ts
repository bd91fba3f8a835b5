import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, selectOperations } from "../../src/openapi/index.js";
import { expectCapkitError, fixture, minimalDoc, specOf, tempFiles } from "./helpers.js";

const files = tempFiles({
  "bad.json": '{\n  "openapi": "3.0.3",\n  "info": { "title": "x", }\n}',
  // non-ASCII before the error on its line: the column counts characters of the exact text
  "bad-accents.json": '{\n  "openapi": "3.0.3",\n  "info": { "title": "Café ✓ 😀", }\n}',
  "bad.yaml": "openapi: 3.0.3\ninfo:\n  title: x\n   version: [1\n",
  "page.html": "<!DOCTYPE html>\n<html><body>API docs</body></html>",
  "v4.json": minimalDoc({ openapi: "4.0.0" }),
  "swagger12.json": JSON.stringify({
    swagger: "1.2",
    info: { title: "x", version: "1" },
    paths: {},
  }),
  "plain.yaml": "just some text",
  "nothing.json": JSON.stringify({
    openapi: "3.0.3",
    info: { title: "x", version: "1" },
    paths: {},
  }),
  "noversion.json": JSON.stringify({ info: { title: "x", version: "1" }, paths: {} }),
  "dangling.json": JSON.stringify({
    openapi: "3.0.3",
    info: { title: "x", version: "1" },
    paths: {
      "/x": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Missing" } } },
            },
          },
        },
      },
    },
  }),
  "external.yaml": [
    "openapi: 3.0.3",
    "info: { title: x, version: '1' }",
    "paths:",
    "  /x:",
    "    get:",
    "      responses:",
    "        '200':",
    "          description: ok",
    "          content:",
    "            application/json:",
    "              schema: { $ref: './missing.yaml#/Thing' }",
  ].join("\n"),
  "mini.json": minimalDoc(),
  "refs-broken.yaml": [
    "openapi: 3.0.3",
    "info: { title: x, version: '1' }",
    "paths:",
    "  /x:",
    "    get:",
    "      responses:",
    "        '200':",
    "          description: ok",
    "          content:",
    "            application/json:",
    "              schema: { $ref: './broken.yaml#/Thing' }",
  ].join("\n"),
  "broken.yaml": "Thing:\n  type: object\n   properties: [\n",
  "escape.yaml": [
    "openapi: 3.0.3",
    "info: { title: x, version: '1' }",
    "paths:",
    "  /x:",
    "    get:",
    "      responses:",
    "        '200':",
    "          description: ok",
    "          content:",
    "            application/json:",
    "              schema: { $ref: '../../../../../../../../etc/hostname#/Thing' }",
  ].join("\n"),
});

afterAll(() => files.remove());

describe("bad input > files", () => {
  const cases: [string, { file: string; code: string; where?: string | RegExp; says?: RegExp }][] =
    [
      [
        "invalid JSON names line and column",
        { file: "bad.json", code: "SPEC_INVALID_JSON", where: "3:27", says: /line 3, column 27/ },
      ],
      [
        "invalid JSON with non-ASCII text names the exact line and column",
        {
          file: "bad-accents.json",
          code: "SPEC_INVALID_JSON",
          where: "3:35",
          says: /line 3, column 35/,
        },
      ],
      [
        "invalid YAML names line and column",
        {
          file: "bad.yaml",
          code: "SPEC_INVALID_YAML",
          where: "3:10",
          says: /line 3, column 10: Nested mappings/,
        },
      ],
      [
        "an HTML page is not a spec",
        { file: "page.html", code: "SPEC_NOT_A_SPEC", says: /HTML page/ },
      ],
      [
        "OpenAPI 4 is not supported",
        { file: "v4.json", code: "SPEC_UNSUPPORTED_VERSION", where: "#/openapi", says: /4\.0\.0/ },
      ],
      [
        "Swagger 1.2 is not supported",
        { file: "swagger12.json", code: "SPEC_UNSUPPORTED_VERSION", where: "#/swagger" },
      ],
      ["plain text is not a spec", { file: "plain.yaml", code: "SPEC_NOT_A_SPEC", where: "#" }],
      ["no openapi field", { file: "noversion.json", code: "SPEC_NOT_A_SPEC", where: "#" }],
      ["no operations", { file: "nothing.json", code: "SPEC_NO_OPERATIONS", where: "#/paths" }],
      [
        "a dangling local $ref names its pointer",
        {
          file: "dangling.json",
          code: "SPEC_UNRESOLVED_REF",
          where: "#/paths/~1x/get/responses/200/content/application~1json/schema",
          says: /#\/components\/schemas\/Missing/,
        },
      ],
      [
        "a missing referenced file names its pointer",
        {
          file: "external.yaml",
          code: "SPEC_UNRESOLVED_REF",
          where: /schema$/,
          says: /missing\.yaml/,
        },
      ],
      ["a missing file", { file: "nope.yaml", code: "SPEC_NOT_FOUND" }],
      [
        "invalid YAML in a referenced file names that file, line and column",
        {
          file: "refs-broken.yaml",
          code: "SPEC_INVALID_YAML",
          where: "3:14",
          says: /broken\.yaml \(referenced from .*refs-broken\.yaml\) is not valid YAML at line 3, column 14/,
        },
      ],
    ];
  it.each(cases)("%s", async (_name, { file, code, where, says }) => {
    const error = await expectCapkitError(loadSpec(files.path(file)), code, where);
    expect(error.message).toContain(files.path(file));
    if (says) expect(error.message).toMatch(says);
  });

  it("refuses a $ref to a local file outside the spec's folder and the working directory", async () => {
    const error = await expectCapkitError(
      loadSpec(files.path("escape.yaml"), { cwd: files.dir }),
      "SPEC_REF_OUTSIDE",
      "#/paths/~1x/get/responses/200/content/application~1json/schema",
    );
    expect(error.message).toContain("/etc/hostname");
  });

  it("refuses a document over the size cap", async () => {
    const error = await expectCapkitError(
      loadSpec(files.path("mini.json"), { maxBytes: 100 }),
      "SPEC_TOO_LARGE",
    );
    expect(error.message).toContain("100-byte cap");
  });

  it("loads the same document under the cap", async () => {
    await expect(loadSpec(files.path("mini.json"), { maxBytes: 100_000 })).resolves.toMatchObject({
      openapi: "3.0.3",
    });
  });

  it("resolves a relative path against cwd", async () => {
    await expect(loadSpec("mini.json", { cwd: files.dir })).resolves.toMatchObject({
      source: "mini.json",
    });
  });

  it("refuses a malformed spec header without echoing its value", async () => {
    const error = await expectCapkitError(
      loadSpec(files.path("mini.json"), { header: "no colon secret123" }),
      "SPEC_BAD_HEADER",
    );
    expect(error.message).not.toContain("secret123");
  });
});

describe("bad input > selection", () => {
  let spec: Awaited<ReturnType<typeof loadSpec>>;
  beforeAll(async () => {
    spec = await loadSpec(fixture("scanhub-swagger2.yaml"));
  });

  it("an unknown operation id lists the closest matches", async () => {
    const error = await expectCapkitError(
      () => selectOperations(spec, { operations: ["listHost"] }),
      "SPEC_UNKNOWN_OPERATION",
      "#/paths",
    );
    expect(error.message).toMatch(/Closest matches: "listHosts"/);
    expect(error.exitCode).toBe(2);
  });

  it("an unknown tag lists the closest tags", async () => {
    const error = await expectCapkitError(
      () => selectOperations(spec, { tags: ["finding"] }),
      "SPEC_UNKNOWN_OPERATION",
    );
    expect(error.message).toContain('"findings"');
  });

  it("an unknown route lists the closest routes", async () => {
    const error = await expectCapkitError(
      () => selectOperations(spec, { operations: ["GET /host"] }),
      "SPEC_UNKNOWN_OPERATION",
    );
    expect(error.message).toContain('"GET /hosts"');
  });

  it("an in-memory spec with no match says none", async () => {
    const error = await expectCapkitError(
      () => selectOperations(specOf({}), { operations: ["x"] }),
      "SPEC_UNKNOWN_OPERATION",
    );
    expect(error.message).toContain("none");
  });
});
