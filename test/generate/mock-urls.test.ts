// The generated mock routes requests for any server URL the spec gives: characters msw reads as
// pattern syntax in a string path (`+ ( ) * :`, quotes, Google-style `:search` actions, `{id}`
// templates) must not break the plumbing tests. The path also takes a required enum parameter,
// which invoke() reads from the job's config as one of its values.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate/index.js";
import { scratchDir } from "../helpers/scratch.js";

const SERVERS = [
  "https://api.example.com/'+base+'/v1",
  "https://api.example.com:8443/v1(beta)/*/x+y",
  "https://{tenant}.example.com/{version}",
];

function spec(server: string) {
  return {
    openapi: "3.0.3",
    info: { title: "Odd URLs", version: "1" },
    servers: [
      {
        url: server,
        variables: { tenant: { default: "acme" }, version: { default: "v2:beta" } },
      },
    ],
    components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } },
    security: [{ key: [] }],
    paths: {
      "/me": {
        get: {
          operationId: "me",
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { id: { type: "string" } } },
                },
              },
            },
          },
        },
      },
      "/projects/{project}/regions/{region}/hosts:search": {
        get: {
          operationId: "searchHosts",
          parameters: [
            { name: "project", in: "path", required: true, schema: { type: "string" } },
            {
              name: "region",
              in: "path",
              required: true,
              schema: { type: "string", enum: ["eu-west", "us-east"] },
            },
            { name: "page", in: "query", schema: { type: "integer" } },
            { name: "per_page", in: "query", schema: { type: "integer" } },
          ],
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      hosts: {
                        type: "array",
                        items: {
                          type: "object",
                          required: ["id", "ip"],
                          properties: {
                            id: { type: "string" },
                            ip: { type: "string", format: "ipv4" },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

describe("generate > the mock works for any server URL", () => {
  it.each(SERVERS)("%s", { timeout: 120_000 }, async (server) => {
    const dir = scratchDir(`mock-urls/${SERVERS.indexOf(server)}`);
    const file = join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(spec(server)));
    const result = await generate({ spec: file, name: "odd", out: join(dir, "odd"), force: true });
    const tests = result.verification?.tests;
    expect(tests?.unexpected, tests?.output.slice(-3000)).toEqual([]);
    // credentials, resilience, pagination and page size: every plumbing test ran and passed
    expect(tests?.passed).toBeGreaterThanOrEqual(9);
    expect(tests?.red).toBeGreaterThan(0);
    const main = readFileSync(join(dir, "odd/odd.ts"), "utf8");
    expect(main).toContain('region: this.config("region", ["eu-west", "us-east"])');
  });
});
