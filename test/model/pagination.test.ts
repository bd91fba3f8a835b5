import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/index.js";
import type { Pagination } from "../../src/model/types.js";
import { specOf } from "../openapi/helpers.js";

const q = (name: string, schema: object = { type: "string" }) => ({ name, in: "query", schema });
const arr = { type: "array", items: { type: "object", properties: { id: { type: "string" } } } };
const page = (extra: object) => ({ type: "object", properties: { data: arr, ...extra } });

interface Given {
  method?: "get" | "post";
  params?: object[];
  schema?: object;
  headers?: object;
  description?: string;
  body?: object;
}

function paginationOf(given: Given): Pagination {
  const operation: Record<string, unknown> = {
    operationId: "listThings",
    parameters: given.params ?? [],
    responses: {
      "200": {
        description: given.description ?? "ok",
        headers: given.headers,
        content: { "application/json": { schema: given.schema ?? arr } },
      },
    },
  };
  if (given.body)
    operation.requestBody = { content: { "application/json": { schema: given.body } } };
  const spec = specOf({ paths: { "/things": { [given.method ?? "get"]: operation } } });
  const op = buildModel(spec, { name: "acme", operations: ["listThings"] }).operations[0];
  return op?.pagination ?? { style: "none" };
}

describe("pagination", () => {
  const cases: [string, { given: Given; want: Pagination }][] = [
    ["none", { given: {}, want: { style: "none" } }],
    [
      "Link header declared",
      {
        given: {
          params: [q("per_page"), q("page")],
          headers: { Link: { schema: { type: "string" } } },
        },
        want: { style: "link", limitParam: "per_page" },
      },
    ],
    [
      "Link header in the prose",
      {
        given: {
          params: [q("page")],
          description: 'Pages are linked with the Link header (rel="next").',
        },
        want: { style: "link" },
      },
    ],
    [
      "Meraki startingAfter/endingBefore",
      {
        given: { params: [q("perPage"), q("startingAfter"), q("endingBefore")] },
        want: { style: "link", limitParam: "perPage" },
      },
    ],
    [
      "cursor with next cursor and has_more",
      {
        given: {
          params: [q("cursor"), q("limit")],
          schema: page({ next_cursor: { type: "string" }, has_more: { type: "boolean" } }),
        },
        want: {
          style: "cursor",
          cursorParam: "cursor",
          cursorIn: "query",
          nextCursor: ["next_cursor"],
          hasMore: ["has_more"],
          limitParam: "limit",
        },
      },
    ],
    [
      "Stripe-like starting_after",
      {
        given: {
          params: [q("starting_after")],
          schema: page({ has_more: { type: "boolean" }, after: { type: "string" } }),
        },
        want: {
          style: "cursor",
          cursorParam: "starting_after",
          cursorIn: "query",
          nextCursor: ["after"],
          hasMore: ["has_more"],
        },
      },
    ],
    [
      "nested next cursor",
      {
        given: {
          params: [q("after")],
          schema: page({
            meta: {
              type: "object",
              properties: {
                page: { type: "object", properties: { next_cursor: { type: "string" } } },
              },
            },
          }),
        },
        want: {
          style: "cursor",
          cursorParam: "after",
          cursorIn: "query",
          nextCursor: ["meta", "page", "next_cursor"],
        },
      },
    ],
    [
      "next URL in links.pages.next (DigitalOcean)",
      {
        given: {
          params: [q("page"), q("per_page")],
          schema: page({
            links: {
              type: "object",
              properties: {
                pages: { anyOf: [{ type: "object", properties: { next: { type: "string" } } }] },
              },
            },
          }),
        },
        want: { style: "nextUrl", nextUrl: ["links", "pages", "next"], limitParam: "per_page" },
      },
    ],
    [
      "next URL at the root when it is a uri",
      {
        given: { schema: page({ next: { type: "string", format: "uri" } }) },
        want: { style: "nextUrl", nextUrl: ["next"] },
      },
    ],
    [
      "a root `next` without a cursor parameter is a URL",
      {
        given: { schema: page({ next: { type: "string" } }) },
        want: { style: "nextUrl", nextUrl: ["next"] },
      },
    ],
    [
      "a root `next` beside a cursor parameter is the cursor",
      {
        given: { params: [q("cursor")], schema: page({ next: { type: "string" } }) },
        want: { style: "cursor", cursorParam: "cursor", cursorIn: "query", nextCursor: ["next"] },
      },
    ],
    [
      "a numeric `next` is not a URL",
      { given: { schema: page({ next: { type: "integer" } }) }, want: { style: "none" } },
    ],
    [
      "page/per_page (GitLab)",
      {
        given: { params: [q("page", { type: "integer" }), q("per_page", { type: "integer" })] },
        want: { style: "page", pageParam: "page", perPageParam: "per_page", firstPage: 1 },
      },
    ],
    [
      "zero-based pages with a total",
      {
        given: {
          params: [q("page", { type: "integer", minimum: 0 })],
          schema: page({ total_pages: { type: "integer" } }),
        },
        want: { style: "page", pageParam: "page", firstPage: 0, totalPages: ["total_pages"] },
      },
    ],
    [
      "offset/limit",
      {
        given: { params: [q("offset"), q("limit")], schema: page({ total: { type: "integer" } }) },
        want: { style: "offset", offsetParam: "offset", limitParam: "limit", total: ["total"] },
      },
    ],
    [
      "POST with a cursor in the body (1Password events)",
      {
        given: {
          method: "post",
          body: {
            oneOf: [
              { properties: { cursor: { type: "string" } } },
              { properties: { limit: { type: "integer" }, start_time: { type: "string" } } },
            ],
          },
          schema: {
            allOf: [
              { properties: { cursor: { type: "string" }, has_more: { type: "boolean" } } },
              { properties: { items: arr } },
            ],
          },
        },
        want: {
          style: "cursor",
          cursorParam: "cursor",
          cursorIn: "body",
          nextCursor: ["cursor"],
          hasMore: ["has_more"],
          limitParam: "limit",
          cursorAlone: true,
        },
      },
    ],
    [
      "POST with a cursor beside the filters in one body",
      {
        given: {
          method: "post",
          body: { properties: { cursor: { type: "string" }, limit: { type: "integer" } } },
          schema: {
            properties: { next_cursor: { type: "string" }, items: arr },
          },
        },
        want: {
          style: "cursor",
          cursorParam: "cursor",
          cursorIn: "body",
          nextCursor: ["next_cursor"],
          limitParam: "limit",
        },
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(paginationOf(given)).toEqual(want);
  });
});
