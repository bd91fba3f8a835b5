import { describe, expect, it } from "vitest";
import type { OpenAPIV3Document } from "../../src/openapi/types.js";
import type { SpecChange } from "../../src/update/diff/change.js";
import { compareSpecs } from "../../src/update/diff/compare.js";
import {
  CHECK_EXIT,
  type ChangeReport,
  changeReportMarkdown,
  formatChangeReport,
  verdict,
} from "../../src/update/diff/report.js";

type Json = Record<string, unknown>;

const host = (props: Json, required: string[] = ["id"]): Json => ({
  type: "object",
  required,
  properties: { id: { type: "string" }, ...props },
});

/** A one-operation document: GET /hosts listing `Host` records under `hosts`. */
function doc(
  options: {
    hostSchema?: Json;
    params?: Json[];
    id?: string;
    path?: string;
    security?: Json;
    pageResponse?: Json;
  } = {},
): OpenAPIV3Document {
  const page = options.pageResponse ?? {
    type: "object",
    properties: {
      hosts: { type: "array", items: { $ref: "#/components/schemas/Host" } },
      next_cursor: { type: "string" },
    },
  };
  return {
    openapi: "3.0.3",
    info: { title: "Acme", version: "1" },
    servers: [{ url: "https://api.acme.example" }],
    security: [{ key: [] }],
    paths: {
      [options.path ?? "/hosts"]: {
        get: {
          operationId: options.id ?? "listHosts",
          parameters: options.params ?? [
            { name: "cursor", in: "query", schema: { type: "string" } },
          ],
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: page } } },
          },
        },
      },
    },
    components: {
      schemas: { Host: options.hostSchema ?? host({ hostname: { type: "string" } }) },
      securitySchemes: {
        key: options.security ?? { type: "apiKey", in: "header", name: "X-Key" },
      },
    },
  };
}

const changes = (next: OpenAPIV3Document, old = doc()) => compareSpecs(old, next, ["listHosts"]);
const pick = (list: SpecChange[]) => list.map((c) => [c.id, c.breaking, c.where]);

describe("change report > response fields (what a transform reads)", () => {
  it.each<[string, Json, [string, boolean, string][]]>([
    [
      "a renamed field",
      host({ fqdn: { type: "string" } }),
      [["response-property-renamed", true, "response 200 hosts[].hostname"]],
    ],
    [
      "a removed field",
      host({}),
      [["response-property-removed", true, "response 200 hosts[].hostname"]],
    ],
    [
      "an added field",
      host({ hostname: { type: "string" }, os: { type: "string" } }),
      [["response-property-added", false, "response 200 hosts[].os"]],
    ],
    [
      "a type change",
      host({ hostname: { type: "integer" } }),
      [["response-property-type-changed", true, "response 200 hosts[].hostname"]],
    ],
    [
      "a field that became optional",
      host({ hostname: { type: "string" } }, []),
      [["response-property-became-optional", true, "response 200 hosts[].id"]],
    ],
    [
      "a field that became required",
      host({ hostname: { type: "string" } }, ["id", "hostname"]),
      [["response-property-became-required", false, "response 200 hosts[].hostname"]],
    ],
    [
      "a field that became nullable",
      host({ hostname: { type: "string", nullable: true } }),
      [["response-property-became-nullable", true, "response 200 hosts[].hostname"]],
    ],
  ])("%s", (_, schema, want) => {
    expect(pick(changes(doc({ hostSchema: schema })))).toEqual(want);
  });

  it("a new enum value is breaking (a mapping of the values may not handle it); a removed one is not", () => {
    const withEnum = (values: string[]) =>
      doc({
        hostSchema: host({ hostname: { type: "string" }, state: { type: "string", enum: values } }),
      });
    const list = compareSpecs(withEnum(["open", "fixed"]), withEnum(["open", "reopened"]), [
      "listHosts",
    ]);
    expect(list.map((c) => [c.id, c.breaking, c.message])).toEqual([
      ["response-property-enum-value-added", true, expect.stringContaining('"reopened"')],
      ["response-property-enum-value-removed", false, expect.stringContaining('"fixed"')],
    ]);
  });

  it("a field renamed with its parent's siblings left alone names the field, not its children", () => {
    const page = (key: string) => ({
      type: "object",
      properties: { [key]: { type: "array", items: { $ref: "#/components/schemas/Host" } } },
    });
    const list = compareSpecs(
      doc({ pageResponse: page("hosts") }),
      doc({ pageResponse: page("items") }),
      ["listHosts"],
    );
    expect(list.map((c) => c.id)).toContain("response-property-renamed");
    expect(list.find((c) => c.id === "response-property-renamed")?.message).toContain(
      "hosts → items",
    );
    expect(list.filter((c) => c.id.startsWith("response-property"))).toHaveLength(1);
  });

  it("a recursive schema is compared without looping", () => {
    const tree = host({
      children: { type: "array", items: { $ref: "#/components/schemas/Host" } },
    });
    expect(changes(doc({ hostSchema: tree }), doc({ hostSchema: tree }))).toEqual([]);
  });
});

describe("change report > parameters and operations", () => {
  const cursor = { name: "cursor", in: "query", schema: { type: "string" } };
  it.each<[string, Json[], [string, boolean][]]>([
    [
      "a new required parameter",
      [cursor, { name: "org", in: "query", required: true, schema: { type: "string" } }],
      [["new-required-request-parameter", true]],
    ],
    [
      "a new optional parameter",
      [cursor, { name: "q", in: "query", schema: { type: "string" } }],
      [["new-optional-request-parameter", false]],
    ],
    ["a removed parameter", [], [["request-parameter-removed", true]]],
    [
      "a parameter that became required",
      [{ ...cursor, required: true }],
      [["request-property-became-required", true]],
    ],
    ["a renamed parameter", [{ ...cursor, name: "after" }], [["request-parameter-renamed", true]]],
  ])("%s", (_, params, want) => {
    expect(
      changes(doc({ params }))
        .filter((c) => c.where !== "pagination")
        .map((c) => [c.id, c.breaking]),
    ).toEqual(want);
  });

  it("an operation that left the spec is breaking; one that moved or changed its id is followed", () => {
    expect(pick(changes(doc({ id: "listDevices", path: "/devices" })))).toEqual([
      ["api-removed", true, "operation"],
    ]);
    expect(pick(changes(doc({ path: "/v2/hosts" })))).toEqual([
      ["api-path-changed", true, "operation"],
    ]);
    expect(pick(changes(doc({ id: "hosts/list" })))).toEqual([
      ["operation-id-changed", true, "operation"],
    ]);
  });

  it("auth: a header that changed name is breaking, for every operation it covers", () => {
    const list = changes(doc({ security: { type: "apiKey", in: "header", name: "X-Api-Key" } }));
    expect(list.map((c) => [c.id, c.breaking, c.message])).toEqual([
      ["security-changed", true, expect.stringContaining("header X-Key")],
    ]);
  });

  it("pagination: a cursor API that now pages by number is breaking", () => {
    const paged = doc({
      params: [{ name: "page", in: "query", schema: { type: "integer" } }],
      pageResponse: {
        type: "object",
        properties: {
          hosts: { type: "array", items: { $ref: "#/components/schemas/Host" } },
          total_pages: { type: "integer" },
        },
      },
    });
    expect(changes(paged).map((c) => c.id)).toContain("pagination-changed");
  });

  it("an unchanged document, and changes to operations the integration does not use, report nothing", () => {
    expect(changes(doc())).toEqual([]);
    const other = doc();
    other.paths["/users"] = { get: { operationId: "listUsers", responses: {} } };
    expect(changes(other)).toEqual([]);
  });
});

describe("change report > output and verdict", () => {
  const report = (list: SpecChange[], extra: Partial<ChangeReport> = {}): ChangeReport => ({
    from: { title: "Acme", version: "1", sha256: "a" },
    to: { title: "Acme", version: "2", sha256: "b" },
    operations: ["listHosts"],
    changes: list,
    ...extra,
  });
  const change = (breaking: boolean, message = "m"): SpecChange => ({
    operation: "listHosts",
    id: "x",
    breaking,
    where: "w",
    message,
  });

  it.each<[string, number, ChangeReport]>([
    ["nothing changed", 0, report([])],
    ["a breaking change", 1, report([change(false), change(true)])],
    ["only non-breaking changes", 3, report([change(false)])],
    ["no snapshot to compare, and a new hash", 1, report([], { snapshotMissing: true })],
  ])("%s: exit %i", (_, code, r) => {
    expect(CHECK_EXIT[verdict(r)]).toBe(code);
  });

  it("groups by operation, breaking first, and keeps spec text out of markup and terminal codes", () => {
    const text = formatChangeReport(report([change(false, "ok"), change(true, "bad\u001b[31m")]));
    expect(text.split("\n").slice(1)).toEqual([
      "listHosts",
      expect.stringMatching(/✘ breaking\s+bad \[31m/),
      expect.stringMatching(/• non-breaking ok/),
    ]);
    const md = changeReportMarkdown(report([change(true, "a | <b>")]), "acme");
    expect(md).toContain("a \\| &lt;b&gt;");
  });
});
