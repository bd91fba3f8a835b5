// Reading webhooks: index (3.1 and x-webhooks), selection, routes, pruning, signature detection.
import { describe, expect, it } from "vitest";
import { CapkitError } from "../../src/errors.js";
import { loadSpec } from "../../src/openapi/index.js";
import { pruneWebhooks } from "../../src/openapi/prune-webhooks.js";
import { listWebhooks, selectWebhooks } from "../../src/openapi/select-webhooks.js";
import { detectSignature, signatureProblem } from "../../src/openapi/signature-preset.js";
import { eventRoute } from "../../src/openapi/webhook-route.js";
import { indexWebhooks } from "../../src/openapi/webhooks.js";

const fixture = (name: string) => new URL(`../fixtures/webhooks/${name}`, import.meta.url).pathname;
const acme = await loadSpec(fixture("acme-events.yaml"));
const billing = await loadSpec(fixture("billing-x-webhooks.yaml"));

describe("indexWebhooks", () => {
  it("reads OpenAPI 3.1 webhooks with their operation ids, tags and pointers", () => {
    expect(indexWebhooks(acme.document).events.map((e) => [e.eventId, e.tag, e.pointer])).toEqual([
      ["finding.created", "findings", "#/webhooks/finding.created/post"],
      ["finding.resolved", "findings", "#/webhooks/finding.resolved/post"],
      ["host.discovered", "hosts", "#/webhooks/host.discovered/post"],
    ]);
  });

  it("reads the x-webhooks extension of a 3.0 document, which has no operations", () => {
    expect(billing.openapi).toBe("3.0.3");
    expect(
      indexWebhooks(billing.document).events.map((e) => [e.eventId, e.key, e.pointer]),
    ).toEqual([
      ["invoice.paid", "invoicePaid", "#/x-webhooks/invoicePaid/post"],
      ["invoice.voided", "invoiceVoided", "#/x-webhooks/invoiceVoided/post"],
    ]);
  });
});

describe("selectWebhooks", () => {
  const ids = (tokens: string[]) => selectWebhooks(acme, tokens).map((e) => e.eventId);

  it.each([
    ["an event id", ["host.discovered"], ["host.discovered"]],
    ["a webhooks key", ["finding.resolved"], ["finding.resolved"]],
    ["a * pattern", ["finding.*"], ["finding.created", "finding.resolved"]],
    ["a tag", ["hosts"], ["host.discovered"]],
    [
      "the order asked, without repeats",
      ["host.discovered", "*"],
      ["host.discovered", "finding.created", "finding.resolved"],
    ],
  ])("by %s", (_name, tokens, want) => {
    expect(ids(tokens)).toEqual(want);
  });

  it("defaults to the events that look like risk or asset sources", () => {
    expect(ids([])).toEqual(["finding.created", "finding.resolved", "host.discovered"]);
    expect(listWebhooks(acme).map((e) => [e.eventId, e.recordKind])).toEqual([
      ["finding.created", "risk"],
      ["finding.resolved", "risk"],
      ["host.discovered", "asset"],
    ]);
  });

  it("names the closest events when one does not exist", () => {
    const error = (() => {
      try {
        ids(["finding.create"]);
      } catch (e) {
        return e as CapkitError;
      }
    })();
    expect(error).toBeInstanceOf(CapkitError);
    expect(error?.code).toBe("SPEC_UNKNOWN_EVENT");
    expect(error?.message).toContain('"finding.created"');
  });

  it("refuses a document without webhooks", async () => {
    const pull = await loadSpec(
      new URL("../../examples/specs/vulnscan.yaml", import.meta.url).pathname,
    );
    expect(() => selectWebhooks(pull, [])).toThrow(/no webhook events/);
  });
});

describe("eventRoute", () => {
  const route = (spec: typeof acme, id: string) =>
    eventRoute(spec.document, indexWebhooks(spec.document).events.find((e) => e.eventId === id)!);

  it("takes enum-of-one and const payload fields, through $refs", () => {
    expect(route(acme, "finding.created")).toEqual({
      headers: {},
      fields: [{ path: ["type"], value: "finding.created" }],
    });
    expect(route(acme, "finding.resolved").fields).toEqual([
      { path: ["type"], value: "finding.resolved" },
    ]);
  });

  it("reads GitHub's x-github.subcategory as the X-GitHub-Event value", async () => {
    const github = await loadSpec(
      new URL(
        "../../node_modules/@octokit/openapi-webhooks/generated/api.github.com.json",
        import.meta.url,
      ).pathname,
    );
    expect(route(github, "dependabot-alert/dismissed")).toEqual({
      headers: { "x-github-event": "dependabot_alert" },
      fields: [{ path: ["action"], value: "dismissed" }],
    });
    expect(detectSignature(github.document)).toBe("github");
  });

  it("keeps only header names and values HTTP can carry", async () => {
    const hostile = await loadSpec(fixture("hostile-webhooks.yaml"));
    const first = indexWebhooks(hostile.document).events[0]!;
    expect(eventRoute(hostile.document, first).headers).toEqual({});
  });
});

describe("pruneWebhooks", () => {
  it("keeps the selected events and the components their payloads reach", () => {
    const events = selectWebhooks(acme, ["finding.created"]);
    const pruned = pruneWebhooks(acme.document, events);
    expect(Object.keys(pruned.webhooks as object)).toEqual(["finding.created"]);
    expect(Object.keys(pruned.components?.schemas ?? {})).toEqual(["Finding", "FindingCreated"]);
    expect(pruned.paths).toEqual({});
  });
});

describe("signatures", () => {
  it("detects the scheme from the documented headers", () => {
    expect(detectSignature(acme.document)).toBe("standard");
    expect(detectSignature(billing.document)).toBe("stripe");
  });

  it.each([
    ["github", undefined],
    ["hmac-sha256:X-Signature", undefined],
    ["hmac-sha256:x-sig:base64", undefined],
    ["hmac-sha256:x sig", "not a signature scheme"],
    ["rsa", "not a signature scheme"],
  ])("%s", (value, problem) => {
    const found = signatureProblem(value);
    if (problem) expect(found).toContain(problem);
    else expect(found).toBeUndefined();
  });
});
