import { describe, expect, it } from "vitest";
import type { OpenAPIV3Document } from "../../src/openapi/types.js";
import { compareWebhooks } from "../../src/update/diff/compare-webhooks.js";
import { formatChangeReport, reportJson } from "../../src/update/diff/report.js";

type Json = Record<string, unknown>;

const STANDARD = [
  { name: "webhook-id", in: "header", required: true, schema: { type: "string" } },
  { name: "webhook-signature", in: "header", required: true, schema: { type: "string" } },
];

/** One webhook `alert` (id `alert.opened`) whose payload is `Alert`. */
function doc(
  options: {
    alert?: Json;
    id?: string;
    key?: string;
    headers?: Json[];
    media?: string;
    noSchema?: boolean;
    root?: "webhooks" | "x-webhooks";
  } = {},
): OpenAPIV3Document {
  const media = options.noSchema ? {} : { schema: { $ref: "#/components/schemas/Alert" } };
  return {
    openapi: "3.1.0",
    info: { title: "Watch", version: "1" },
    paths: {},
    [options.root ?? "webhooks"]: {
      [options.key ?? "alert"]: {
        post: {
          operationId: options.id ?? "alert.opened",
          parameters: options.headers ?? STANDARD,
          requestBody: { content: { [options.media ?? "application/json"]: media } },
          responses: { "200": { description: "ok" } },
        },
      },
    },
    components: {
      schemas: {
        Alert: options.alert ?? {
          type: "object",
          required: ["type", "cve"],
          properties: {
            type: { type: "string", const: "alert.opened" },
            cve: { type: "string" },
            severity: { type: "string", enum: ["low", "high"] },
          },
        },
      },
    },
  } as OpenAPIV3Document;
}

const alert = (props: Json, required = ["type", "cve"]): Json => ({
  type: "object",
  required,
  properties: {
    type: { type: "string", const: "alert.opened" },
    severity: { type: "string", enum: ["low", "high"] },
    ...props,
  },
});

const ids = (old: OpenAPIV3Document, next: OpenAPIV3Document) =>
  compareWebhooks(old, next, ["alert.opened"], "standard").map(
    (c) => `${c.operation} ${c.id} ${c.breaking ? "breaking" : "fine"}`,
  );

describe("compareWebhooks: a receiver's events, old spec → new", () => {
  it.each<[string, OpenAPIV3Document, string[]]>([
    ["nothing", doc(), []],
    [
      "a payload field the transform reads renamed",
      doc({ alert: alert({ cve_id: { type: "string" } }, ["type", "cve_id"]) }),
      ["alert.opened payload-property-renamed breaking"],
    ],
    [
      "a new enum value",
      doc({
        alert: alert({
          cve: { type: "string" },
          severity: { type: "string", enum: ["low", "high", "critical"] },
        }),
      }),
      ["alert.opened payload-property-enum-value-added breaking"],
    ],
    [
      "a required field that became optional",
      doc({ alert: alert({ cve: { type: "string" } }, ["type"]) }),
      ["alert.opened payload-property-became-optional breaking"],
    ],
    [
      "an optional field added",
      doc({ alert: alert({ cve: { type: "string" }, host: { type: "string" } }) }),
      ["alert.opened payload-property-added fine"],
    ],
    [
      "the event removed",
      doc({ id: "other", key: "other" }),
      ["alert.opened event-removed breaking"],
    ],
    [
      "the event's id changed, same webhook",
      doc({ id: "alert.raised" }),
      ["alert.opened event-id-changed breaking"],
    ],
    [
      "how deliveries are recognised",
      doc({
        alert: alert({ type: { type: "string", const: "alert.raised" }, cve: { type: "string" } }),
      }),
      ["alert.opened event-route-changed breaking"],
    ],
    [
      "the payload's media type",
      doc({ media: "application/x-www-form-urlencoded" }),
      ["alert.opened payload-media-type-changed breaking"],
    ],
    [
      "the payload's schema",
      doc({ noSchema: true }),
      [
        // the `type` const went with the schema: nothing recognises the deliveries either
        "alert.opened event-route-changed breaking",
        "alert.opened payload-schema-removed breaking",
      ],
    ],
    [
      "the signature scheme the headers show",
      doc({ headers: [{ name: "X-Hub-Signature-256", in: "header", schema: { type: "string" } }] }),
      ["* signature-changed breaking"],
    ],
    ["webhooks moved to x-webhooks, nothing else", doc({ root: "x-webhooks" }), []],
  ])("%s", (_, next, want) => {
    expect(ids(doc(), next)).toEqual(want);
  });

  it("names the events, not operations, in both outputs", () => {
    const changes = compareWebhooks(doc(), doc({ id: "x", key: "x" }), ["alert.opened"], "github");
    const report = {
      from: { title: "Watch", version: "1", sha256: "a" },
      to: { title: "Watch", version: "2", sha256: "b" },
      operations: ["alert.opened"],
      unit: "event" as const,
      changes,
    };
    expect(formatChangeReport(report)).toContain("in the integration's 1 event(s)");
    const json = reportJson(report);
    expect(Object.keys(json)).toContain("events");
    expect(Object.keys(json)).not.toContain("operations");
  });
});
