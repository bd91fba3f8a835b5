import { describe, expect, it } from "vitest";
import { listOperations, selectOperations } from "../../src/openapi/index.js";
import { specOf } from "./helpers.js";

const list = (items: object = { type: "object" }) => ({
  responses: {
    "200": {
      description: "ok",
      content: { "application/json": { schema: { type: "array", items } } },
    },
  },
});
const single = {
  responses: {
    "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
  },
};

const inventory = specOf({
  paths: {
    "/hosts": { get: { operationId: "listHosts", tags: ["inventory"], ...list() } },
    "/hosts/{id}": { get: { operationId: "getHost", tags: ["inventory"], ...single } },
    "/sites/{site}/devices": {
      get: { operationId: "listSiteDevices", tags: ["inventory"], ...list() },
    },
    "/findings": {
      get: { operationId: "listFindings", tags: ["risk"], ...list() },
      post: { operationId: "createFinding", tags: ["risk"], ...single },
    },
    "/users": { get: { operationId: "listUsers", tags: ["admin"], ...list() } },
    "/repos/{owner}/list": {
      get: { operationId: "repos/list-for-org", tags: ["repos"], ...list() },
    },
  },
});

describe("listOperations", () => {
  it("orders by tag, then path, then method", () => {
    expect(listOperations(inventory).map((o) => `${o.tag} ${o.method} ${o.path}`)).toEqual([
      "admin get /users",
      "inventory get /hosts",
      "inventory get /hosts/{id}",
      "inventory get /sites/{site}/devices",
      "repos get /repos/{owner}/list",
      "risk get /findings",
      "risk post /findings",
    ]);
  });

  it("marks list operations and their record kind", () => {
    const byId = Object.fromEntries(listOperations(inventory).map((o) => [o.operationId, o]));
    expect(byId.listHosts).toMatchObject({ isList: true, recordKind: "asset", isDefault: true });
    expect(byId.listFindings).toMatchObject({ isList: true, recordKind: "risk", isDefault: true });
    expect(byId.getHost).toMatchObject({ isList: false, isDefault: false });
    expect(byId.createFinding).toMatchObject({ isList: false, recordKind: "none" });
    expect(byId.listUsers).toMatchObject({ isList: true, recordKind: "none", isDefault: false });
  });
});

describe("selectOperations", () => {
  const cases: [string, { given: { operations?: string[]; tags?: string[] }; want: string[] }][] = [
    [
      "empty ⇒ default: asset and risk lists",
      { given: {}, want: ["listHosts", "listSiteDevices", "repos/list-for-org", "listFindings"] },
    ],
    [
      "by operationId as written",
      { given: { operations: ["repos/list-for-org"] }, want: ["repos/list-for-org"] },
    ],
    ["by operationId, any case", { given: { operations: ["LISTUSERS"] }, want: ["listUsers"] }],
    [
      "by tag",
      { given: { tags: ["inventory"] }, want: ["listHosts", "getHost", "listSiteDevices"] },
    ],
    [
      "a tag given as an operation",
      { given: { operations: ["risk"] }, want: ["listFindings", "createFinding"] },
    ],
    ["by route", { given: { operations: ["POST /findings"] }, want: ["createFinding"] }],
    [
      "by route with other parameter names",
      { given: { operations: ["get /hosts/{hostId}"] }, want: ["getHost"] },
    ],
    [
      "in the order asked, without duplicates",
      {
        given: { operations: ["listUsers", "listHosts", "listUsers"] },
        want: ["listUsers", "listHosts"],
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(selectOperations(inventory, given).map((o) => o.operationId)).toEqual(want);
  });
});

describe("default selection", () => {
  const ops = (n: number, kind: string) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `/${kind}${i}/{id}/${kind}s${i}`,
        { get: { operationId: `${kind}${i}`, ...list() } },
      ]),
    );

  it("takes at most five asset or risk lists, top-level collections first", () => {
    const spec = specOf({
      paths: { ...ops(7, "host"), "/hosts": { get: { operationId: "topHosts", ...list() } } },
    });
    const chosen = selectOperations(spec, {}).map((o) => o.operationId);
    expect(chosen).toHaveLength(5);
    expect(chosen).toContain("topHosts");
  });

  it("takes alert, finding and vulnerability lists before generic ones", () => {
    const spec = specOf({
      paths: {
        "/hosts": { get: { operationId: "hosts", ...list() } },
        "/repos": { get: { operationId: "repos", ...list() } },
        "/orgs/{org}/code-scanning/alerts": { get: { operationId: "orgAlerts", ...list() } },
        "/vulnerabilities": { get: { operationId: "vulns", ...list() } },
        "/a": { get: { operationId: "a", ...list() } },
        "/b": { get: { operationId: "b", ...list() } },
        "/servers": { get: { operationId: "servers", ...list() } },
      },
    });
    const chosen = selectOperations(spec, {}).map((o) => o.operationId);
    expect(chosen).toHaveLength(5);
    expect(chosen).toEqual(expect.arrayContaining(["orgAlerts", "vulns"]));
  });

  it("takes a resource listed in several scopes once, in the document's most common scope", () => {
    const spec = specOf({
      paths: {
        "/enterprises/{enterprise}/dependabot/alerts": { get: { operationId: "ent", ...list() } },
        "/orgs/{org}/dependabot/alerts": { get: { operationId: "org", ...list() } },
        "/repos/{owner}/{repo}/dependabot/alerts": { get: { operationId: "repo", ...list() } },
        "/orgs/{org}/members": { get: { operationId: "members", ...single } },
      },
    });
    expect(selectOperations(spec, {}).map((o) => o.operationId)).toEqual(["org"]);
  });

  it("takes read-only POST lists when there is no GET list, never a write", () => {
    const spec = specOf({
      paths: {
        "/me": { get: { operationId: "me", ...single } },
        "/events/search": { post: { operationId: "searchEvents", ...list() } },
        "/v1/logs:query": { post: { operationId: "logging.logs.query", ...list() } },
        "/users": { post: { operationId: "createUsers", ...list() } },
        "/#X-Amz-Target=Acme.ListUsers": { post: { operationId: "ListUsers", ...list() } },
      },
    });
    expect(
      selectOperations(spec, {})
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(["ListUsers", "logging.logs.query", "searchEvents"]);
  });

  it("prefers a GET list to a read-only POST list", () => {
    const spec = specOf({
      paths: {
        "/users": { get: { operationId: "users", ...list() } },
        "/events/search": { post: { operationId: "searchEvents", ...list() } },
      },
    });
    expect(selectOperations(spec, {}).map((o) => o.operationId)).toEqual(["users"]);
  });

  it("falls back to any list operation", () => {
    const spec = specOf({
      paths: {
        "/users": { get: { operationId: "users", ...list() } },
        "/me": { get: { operationId: "me", ...single } },
      },
    });
    expect(selectOperations(spec, {}).map((o) => o.operationId)).toEqual(["users"]);
  });

  it("falls back to GET operations when nothing is a list", () => {
    const spec = specOf({
      paths: {
        "/status": {
          get: { operationId: "status", ...single },
          post: { operationId: "poke", ...single },
        },
      },
    });
    expect(selectOperations(spec, {}).map((o) => o.operationId)).toEqual(["status"]);
  });

  it("sees a list in an object holding an array", () => {
    const page = {
      type: "object",
      properties: {
        total: { type: "integer" },
        results: { type: "array", items: { type: "object" } },
      },
    };
    const spec = specOf({
      paths: {
        "/vulns": {
          get: {
            operationId: "vulns",
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: page } } },
            },
          },
        },
      },
    });
    expect(listOperations(spec)[0]).toMatchObject({
      isList: true,
      recordKind: "risk",
      isDefault: true,
    });
  });

  it("does not take an object with a list-valued field for a list", () => {
    const thing = {
      type: "object",
      properties: {
        name: { type: "string" },
        owner: { type: "string" },
        tags: { type: "array", items: { type: "string" } },
      },
    };
    const spec = specOf({
      paths: {
        "/domains/{d}": {
          get: {
            operationId: "domain",
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: thing } } },
            },
          },
        },
      },
    });
    expect(listOperations(spec)[0]?.isList).toBe(false);
  });
});
