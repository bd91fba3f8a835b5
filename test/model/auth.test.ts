import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/index.js";
import { specOf } from "../openapi/helpers.js";

const op = { get: { operationId: "ping", responses: { "200": { description: "ok" } } } };
const schemes = {
  cc: {
    type: "oauth2",
    flows: {
      clientCredentials: {
        tokenUrl: "https://auth.example/token",
        scopes: { "a.read": "", "b.read": "" },
      },
    },
  },
  implicit: {
    type: "oauth2",
    flows: { implicit: { authorizationUrl: "https://auth.example/authorize", scopes: {} } },
  },
  oidc: {
    type: "openIdConnect",
    openIdConnectUrl: "https://auth.example/.well-known/openid-configuration",
  },
  bearer: { type: "http", scheme: "Bearer", bearerFormat: "JWT" },
  header: { type: "apiKey", in: "header", name: "X-Api-Key" },
  query: { type: "apiKey", in: "query", name: "api_key" },
  cookie: { type: "apiKey", in: "cookie", name: "session" },
  basic: { type: "http", scheme: "basic" },
};
type Name = keyof typeof schemes;
const modelWith = (names: Name[], auth?: "bearer" | "basic" | "apiKey" | "none") => {
  const securitySchemes = Object.fromEntries(names.map((n) => [n, schemes[n]]));
  return buildModel(specOf({ paths: { "/ping": op }, components: { securitySchemes } }), {
    name: "acme",
    ...(auth ? { auth } : {}),
  });
};

describe("auth preference", () => {
  const cases: [string, { given: Name[]; want: object; warns?: string }][] = [
    [
      "client credentials first",
      {
        given: ["basic", "header", "bearer", "cc"],
        want: {
          kind: "oauth2ClientCredentials",
          tokenUrl: "https://auth.example/token",
          scopes: ["a.read", "b.read"],
        },
      },
    ],
    [
      "bearer over API keys",
      {
        given: ["basic", "query", "header", "bearer"],
        want: { kind: "bearer", schemeName: "bearer", format: "JWT" },
      },
    ],
    [
      "header key over query key",
      { given: ["query", "header"], want: { kind: "apiKey", in: "header", name: "X-Api-Key" } },
    ],
    [
      "query key over basic",
      { given: ["basic", "query"], want: { kind: "apiKey", in: "query", name: "api_key" } },
    ],
    ["cookie key", { given: ["cookie"], want: { kind: "apiKey", in: "cookie", name: "session" } }],
    ["basic", { given: ["basic"], want: { kind: "basic", schemeName: "basic" } }],
    [
      "implicit OAuth2 → user-supplied bearer",
      {
        given: ["implicit"],
        want: { kind: "bearer", schemeName: "implicit" },
        warns: "AUTH_USER_TOKEN",
      },
    ],
    [
      "OpenID Connect → user-supplied bearer",
      { given: ["oidc"], want: { kind: "bearer", schemeName: "oidc" }, warns: "AUTH_USER_TOKEN" },
    ],
    ["basic beats a browser flow", { given: ["implicit", "basic"], want: { kind: "basic" } }],
    [
      "none declared → bearer, flagged",
      { given: [], want: { kind: "bearer" }, warns: "AUTH_NOT_DECLARED" },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want, warns }) => {
    const model = modelWith(given);
    expect(model.auth).toEqual(expect.objectContaining(want));
    expect(model.authDeclared).toBe(given.length > 0);
    if (warns) expect(model.warnings.map((w) => w.code)).toContain(warns);
  });

  it("prefers the schemes the document's security names", () => {
    const spec = specOf({
      security: [{ header: [] }],
      paths: { "/ping": op },
      components: { securitySchemes: { header: schemes.header, bearer: schemes.bearer } },
    });
    expect(buildModel(spec, { name: "acme" }).auth).toMatchObject({ kind: "apiKey" });
  });

  it("honours an explicit choice, and refuses one the document cannot back", () => {
    expect(modelWith(["header", "basic"], "basic").auth).toMatchObject({ kind: "basic" });
    expect(modelWith([], "bearer").auth).toMatchObject({ kind: "bearer" });
    expect(modelWith(["header"], "none").auth).toEqual({ kind: "none" });
    expect(() => modelWith(["header"], "basic")).toThrow(/Declared: apiKey/);
  });
});
