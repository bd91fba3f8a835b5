import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/index.js";
import type { AuthModel, Pagination } from "../../src/model/types.js";
import {
  listOperations,
  loadSpec,
  pruneDocument,
  selectOperations,
  validateDocument,
} from "../../src/openapi/index.js";
import { fixture } from "./helpers.js";

interface Want {
  openapi: RegExp;
  converted?: boolean;
  auth: Partial<AuthModel>;
  authDeclared?: boolean;
  /** operationId → expected pagination (subset). */
  pagination: Record<string, Partial<Pagination> & Record<string, unknown>>;
  validation: string | RegExp;
  baseUrl?: string;
}

/** Every document in test/fixtures/specs, with what a senior engineer would expect capkit to see. */
const DOCUMENTS: [string, Want][] = [
  [
    "1password-events.json",
    {
      openapi: /^3\.0/,
      auth: { kind: "bearer", schemeName: "jwtsa", format: "JWT-SA" },
      pagination: {
        getAuditEvents: {
          style: "cursor",
          cursorIn: "body",
          cursorParam: "cursor",
          nextCursor: ["cursor"],
          hasMore: ["has_more"],
          limitParam: "limit",
        },
      },
      validation: "getAuthIntrospectV2",
      baseUrl: "https://events.1password.com",
    },
  ],
  [
    "cisco-psirt.json",
    {
      openapi: /^3\.0/,
      auth: { kind: "bearer", schemeName: "psirt_openvuln_api_auth" },
      pagination: {},
      validation: /^get-security-advisories/,
    },
  ],
  [
    "digitalocean.json",
    {
      openapi: /^3\.0/,
      auth: { kind: "bearer", schemeName: "bearer_auth" },
      pagination: {
        droplets_list: {
          style: "nextUrl",
          nextUrl: ["links", "pages", "next"],
          limitParam: "per_page",
        },
      },
      validation: /./,
    },
  ],
  [
    "github.json",
    {
      openapi: /^3\.0/,
      auth: { kind: "bearer" },
      authDeclared: false,
      pagination: {
        "repos/list-for-org": { style: "link", limitParam: "per_page" },
        "issues/list-for-repo": { style: "link" },
      },
      validation: "users/get-authenticated",
      baseUrl: "https://api.github.com",
    },
  ],
  [
    "gitlab.json",
    {
      openapi: /^3\.0/,
      auth: { kind: "apiKey", in: "header", name: "PRIVATE_HEADER" },
      pagination: {
        getV3Issues: { style: "page", pageParam: "page", perPageParam: "per_page", firstPage: 1 },
      },
      validation: "getV3User",
    },
  ],
  [
    "meraki.json",
    {
      openapi: /^3\.0/,
      auth: { kind: "apiKey", in: "header", name: "X-Cisco-Meraki-API-Key" },
      pagination: { getNetworkClients: { style: "link", limitParam: "perPage" } },
      validation: "getOrganizations",
    },
  ],
  [
    "snyk.json",
    {
      openapi: /^3\.0/,
      auth: { kind: "bearer" },
      authDeclared: false,
      pagination: {},
      validation: "Get My Details",
    },
  ],
  [
    "threatjammer.json",
    {
      openapi: /^3\.0/,
      auth: { kind: "bearer", schemeName: "HTTPBearer" },
      pagination: {},
      validation: /./,
      baseUrl: "https://api.example.invalid",
    },
  ],
  [
    "vercel-3.1.json",
    {
      openapi: /^3\.1/,
      auth: { kind: "bearer", schemeName: "bearerToken" },
      pagination: {},
      validation: "getAuthUser",
    },
  ],
  [
    "scanhub-swagger2.yaml",
    {
      openapi: /^3\.0/,
      converted: true,
      auth: { kind: "apiKey", in: "header", name: "X-ScanHub-Key" },
      pagination: {
        listHosts: {
          style: "page",
          pageParam: "page",
          perPageParam: "per_page",
          totalPages: ["total_pages"],
        },
        listFindings: {
          style: "cursor",
          cursorParam: "cursor",
          cursorIn: "query",
          nextCursor: ["next_cursor"],
        },
      },
      validation: "whoAmI",
      baseUrl: "https://api.scanhub.example/v2",
    },
  ],
  [
    "multi-file/openapi.yaml",
    {
      openapi: /^3\.0/,
      auth: {
        kind: "oauth2ClientCredentials",
        tokenUrl: "https://auth.edgeguard.example/oauth/token",
        scopes: ["inventory.read"],
      },
      pagination: {
        listDevices: { style: "link", limitParam: "limit" },
        listAlerts: {
          style: "cursor",
          cursorParam: "after",
          nextCursor: ["meta", "pagination", "after"],
        },
      },
      validation: "listDevices",
      baseUrl: "https://api.edgeguard.example/v1",
    },
  ],
  [
    "hostile.yaml",
    {
      openapi: /^3\.0/,
      auth: { kind: "apiKey", in: "header" },
      pagination: { class: { style: "page" } },
      validation: /./,
    },
  ],
];

describe.each(DOCUMENTS)("fixture > %s", (name, want) => {
  it("loads, selects a default, prunes to a valid document, and models auth and pagination", async () => {
    const spec = await loadSpec(fixture(name));
    expect(spec.openapi).toMatch(want.openapi);
    expect(spec.converted).toBe(want.converted ?? false);
    expect(spec.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(spec.document)).not.toMatch(/"\$ref":"(?!#)/);

    const all = listOperations(spec);
    const defaults = all.filter((o) => o.isDefault);
    expect(defaults.length).toBeGreaterThan(0);
    expect(defaults.length).toBeLessThanOrEqual(5);
    expect(selectOperations(spec, {}).map((o) => o.operationId)).toEqual(
      defaults.map((o) => o.operationId),
    );

    const model = buildModel(spec, { name: "acme", operations: Object.keys(want.pagination) });
    expect(model.auth).toMatchObject(want.auth);
    expect(model.authDeclared).toBe(want.authDeclared ?? true);
    if (want.baseUrl) expect(model.baseUrl).toBe(want.baseUrl);
    expect(model.validation.operationId).toMatch(
      typeof want.validation === "string"
        ? new RegExp(`^${escapeRegExp(want.validation)}$`)
        : want.validation,
    );
    for (const [id, pagination] of Object.entries(want.pagination)) {
      const op = model.operations.find((o) => o.operationId === id);
      expect(op?.isList, id).toBe(true);
      expect(op?.pagination, id).toMatchObject(pagination);
    }
    // the model's pruned document, and the default selection pruned, both still validate
    expect(await validateDocument(model.document as never)).toEqual([]);
    expect(await validateDocument(pruneDocument(spec.document, defaults))).toEqual([]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
