import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/index.js";
import { loadSpec } from "../../src/openapi/index.js";
import { expectCapkitError, fixture, specOf } from "../openapi/helpers.js";

const ok = { "200": { description: "ok" } };
const listOf = (items: object) => ({
  "200": {
    description: "ok",
    content: { "application/json": { schema: { type: "array", items } } },
  },
});

describe("names", () => {
  const cases: [string, { className: string; fileBase: string; renamed?: boolean }][] = [
    ["acme", { className: "Acme", fileBase: "acme" }],
    ["my-scanner", { className: "MyScanner", fileBase: "my_scanner" }],
    ["asset", { className: "AssetCapability", fileBase: "asset", renamed: true }],
    ["job", { className: "JobCapability", fileBase: "job", renamed: true }],
  ];
  it.each(cases)("%s", (name, want) => {
    const model = buildModel(
      specOf({ paths: { "/x": { get: { operationId: "x", responses: ok } } } }),
      { name },
    );
    expect(model).toMatchObject({
      service: name,
      className: want.className,
      fileBase: want.fileBase,
    });
    expect(model.renames.some((r) => r.kind === "class")).toBe(want.renamed ?? false);
  });

  it("refuses an invalid service name", async () => {
    await expectCapkitError(
      () =>
        buildModel(specOf({ paths: { "/x": { get: { responses: ok } } } }), { name: "My Scanner" }),
      "MODEL_INVALID_NAME",
    );
  });

  it("resolves method and record collisions deterministically and reports them", () => {
    const spec = specOf({
      paths: {
        "/a/hosts": { get: { operationId: "list-hosts", responses: listOf({ type: "object" }) } },
        "/b/hosts": { get: { operationId: "listHosts", responses: listOf({ type: "object" }) } },
      },
    });
    const model = buildModel(spec, { name: "acme", operations: ["list-hosts", "listHosts"] });
    expect(model.operations.map((o) => o.methodName)).toEqual(["listHosts", "listHosts2"]);
    expect(model.operations.map((o) => o.recordName)).toEqual(["Host", "ListHosts"]);
    expect(model.renames).toEqual([
      expect.objectContaining({ kind: "method", from: "listHosts", to: "listHosts2" }),
      expect.objectContaining({ kind: "record", from: "Host", to: "ListHosts" }),
    ]);
  });
});

describe("base URL", () => {
  const cases: [string, { servers?: object[]; source?: string; want: string; warns?: string }][] = [
    [
      "first server",
      {
        servers: [{ url: "https://api.example.com/v1/" }, { url: "https://b.example" }],
        want: "https://api.example.com/v1",
      },
    ],
    [
      "variables take their defaults",
      {
        servers: [
          {
            url: "https://{region}.example.com/{version}",
            variables: {
              region: { default: "eu" },
              version: { enum: ["v2", "v3"], default: "v2" },
            },
          },
        ],
        want: "https://eu.example.com/v2",
      },
    ],
    [
      "relative, from a URL",
      {
        servers: [{ url: "/api/v3" }],
        source: "https://specs.example.com/x/openapi.json",
        want: "https://specs.example.com/api/v3",
      },
    ],
    [
      "relative, from a file",
      {
        servers: [{ url: "/api/v3" }],
        want: "https://api.example.invalid/api/v3",
        warns: "RELATIVE_SERVER_URL",
      },
    ],
    ["none", { want: "https://api.example.invalid", warns: "NO_BASE_URL" }],
    [
      "not http",
      {
        servers: [{ url: "javascript:alert(1)" }],
        want: "https://api.example.invalid",
        warns: "BAD_SERVER_URL",
      },
    ],
    [
      "query and fragment dropped",
      {
        servers: [{ url: "https://api.example.com/v1?key=secret#x" }],
        want: "https://api.example.com/v1",
      },
    ],
  ];
  it.each(cases)("%s", (_name, { servers, source, want, warns }) => {
    const spec = specOf(
      {
        ...(servers ? { servers: servers as never } : {}),
        paths: { "/x": { get: { operationId: "x", responses: ok } } },
      },
      source,
    );
    const model = buildModel(spec, { name: "acme" });
    expect(model.baseUrl).toBe(want);
    if (warns) expect(model.warnings.map((w) => w.code)).toContain(warns);
  });

  it("Swagger 2.0 host and basePath", async () => {
    expect(
      buildModel(await loadSpec(fixture("scanhub-swagger2.yaml")), { name: "scanhub" }).baseUrl,
    ).toBe("https://api.scanhub.example/v2");
  });
});

describe("validation call", () => {
  const list = {
    operationId: "listHosts",
    parameters: [
      { name: "per_page", in: "query", schema: { type: "integer" } },
      { name: "page", in: "query", schema: { type: "integer" } },
    ],
    responses: listOf({ type: "object" }),
  };

  it("uses an identity endpoint and adds it as an extra operation", () => {
    const spec = specOf({
      paths: {
        "/hosts": { get: list },
        "/v2/me": { get: { operationId: "me", responses: ok } },
        "/users/{id}/self": { get: { operationId: "selfOf", responses: ok } },
      },
    });
    const model = buildModel(spec, { name: "acme" });
    expect(model.validation).toEqual({
      operationId: "me",
      reason: "GET /v2/me (identity endpoint)",
    });
    expect(model.extraOperations.map((o) => o.operationId)).toEqual(["me"]);
    expect(Object.keys(model.document.paths as object)).toEqual(["/hosts", "/v2/me"]);
  });

  it("prefers /me over /whoami, and a current endpoint over a deprecated one", () => {
    const spec = specOf({
      paths: {
        "/whoami": { get: { operationId: "whoami", responses: ok } },
        "/old/me": { get: { operationId: "oldMe", deprecated: true, responses: ok } },
        "/new/me": { get: { operationId: "newMe", responses: ok } },
        "/hosts": { get: list },
      },
    });
    expect(buildModel(spec, { name: "acme" }).validation.operationId).toBe("newMe");
  });

  it("does not add an identity call that is already selected", () => {
    const spec = specOf({ paths: { "/user": { get: { operationId: "user", responses: ok } } } });
    const model = buildModel(spec, { name: "acme", operations: ["user"] });
    expect(model.extraOperations).toEqual([]);
    expect(model.validation.operationId).toBe("user");
  });

  it("falls back to a selected list call that needs only credentials, with a page size of 1", () => {
    const model = buildModel(specOf({ paths: { "/hosts": { get: list } } }), { name: "acme" });
    expect(model.validation).toEqual({
      operationId: "listHosts",
      reason: "first list operation that needs only credentials, page size 1",
      pageSizeParam: "per_page",
    });
    expect(model.extraOperations).toEqual([]);
  });

  it("looks beyond the selection for a list call that needs only credentials (Meraki's /organizations)", () => {
    const nested = {
      ...list,
      operationId: "listOrgHosts",
      parameters: [
        { name: "org", in: "path", required: true, schema: { type: "string" } },
        ...list.parameters,
      ],
    };
    const spec = specOf({
      paths: {
        "/orgs/{org}/hosts": { get: nested },
        "/orgs": { get: { ...list, operationId: "listOrgs" } },
      },
    });
    const model = buildModel(spec, { name: "acme", operations: ["listOrgHosts"] });
    expect(model.validation).toEqual({
      operationId: "listOrgs",
      reason: "list operation that needs only credentials, page size 1",
      pageSizeParam: "per_page",
    });
    expect(model.extraOperations.map((o) => o.operationId)).toEqual(["listOrgs"]);
  });

  it("else takes the first selected list call", () => {
    const nested = {
      ...list,
      operationId: "listOrgHosts",
      parameters: [
        { name: "org", in: "path", required: true, schema: { type: "string" } },
        ...list.parameters,
      ],
    };
    const model = buildModel(specOf({ paths: { "/orgs/{org}/hosts": { get: nested } } }), {
      name: "acme",
    });
    expect(model.validation).toEqual({
      operationId: "listOrgHosts",
      reason: "first list operation, page size 1",
      pageSizeParam: "per_page",
    });
  });
});

describe("samples and hints", () => {
  const host = {
    type: "object",
    required: ["ip"],
    properties: {
      id: { type: "string", format: "uuid" },
      ip: { type: "string", format: "ipv4" },
      hostname: { type: "string" },
      severity: { type: "string", enum: ["low", "high"] },
      isDomainAdmin: { type: "boolean" },
      address: { type: "object", properties: { ipv6: { type: "string" } } },
      parent: { $ref: "#/components/schemas/Host" },
    },
  };
  const spec = (responses: object) =>
    specOf({
      paths: { "/hosts": { get: { operationId: "hosts", responses } } },
      components: { schemas: { Host: host } },
    });

  it("slices the spec's page example to one record", () => {
    const example = { data: [{ id: "h1", ip: "198.51.100.1" }, { id: "h2" }], next: null };
    const responses = {
      "200": {
        description: "ok",
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: { data: { type: "array", items: { $ref: "#/components/schemas/Host" } } },
            },
            example,
          },
        },
      },
    };
    const op = buildModel(spec(responses), { name: "acme" }).operations[0];
    expect(op).toMatchObject({
      recordsPath: ["data"],
      recordSchemaRef: "#/components/schemas/Host",
      sampleSource: "example",
      sample: { id: "h1", ip: "198.51.100.1" },
    });
  });

  it("builds a deterministic sample from the schema, cycles cut", () => {
    const op = buildModel(spec(listOf({ $ref: "#/components/schemas/Host" })), { name: "acme" })
      .operations[0];
    expect(op?.sampleSource).toBe("schema");
    expect(op?.sample).toEqual({
      id: "00000000-0000-4000-8000-000000000000",
      ip: "192.0.2.10",
      hostname: "host.example.com",
      severity: "low",
      isDomainAdmin: true,
      address: { ipv6: "2001:db8::10" },
      parent: {},
    });
  });

  it("hints fields by name and format, not flags, two levels down", () => {
    const op = buildModel(spec(listOf({ $ref: "#/components/schemas/Host" })), { name: "acme" })
      .operations[0];
    expect(op?.fieldHints).toEqual([
      { field: "id", hint: "id" },
      { field: "ip", hint: "ip" },
      { field: "hostname", hint: "hostname" },
      { field: "severity", hint: "severity" },
      { field: "address.ipv6", hint: "ip" },
      { field: "parent.id", hint: "id" },
      { field: "parent.ip", hint: "ip" },
      { field: "parent.hostname", hint: "hostname" },
      { field: "parent.severity", hint: "severity" },
    ]);
  });
});

describe("determinism", () => {
  it("the same spec and options give the same model, byte for byte", async () => {
    const a = buildModel(await loadSpec(fixture("digitalocean.json")), { name: "ocean" });
    const b = buildModel(await loadSpec(fixture("digitalocean.json")), { name: "ocean" });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe("sample size", () => {
  it("keeps every required property beyond the optional-property cap", () => {
    const properties = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`p${i}`, { type: "integer" }]),
    );
    const item = { type: "object", required: ["p39"], properties };
    const spec = specOf({
      paths: { "/things": { get: { operationId: "things", responses: listOf(item) } } },
    });
    const sample = buildModel(spec, { name: "acme" }).operations[0]?.sample as Record<
      string,
      unknown
    >;
    expect(Object.keys(sample)).toHaveLength(31);
    expect(sample.p39).toBe(1);
    expect(sample.p31).toBeUndefined();
  });
});
