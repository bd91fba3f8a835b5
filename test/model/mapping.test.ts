// The suggested mapping: the asset a record is or hangs off, what names a risk, and the vendor's
// state and severity words mapped to the platform's letters.
import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/index.js";
import type { FieldChoice, MappingModel } from "../../src/model/types.js";
import { specOf } from "../openapi/helpers.js";

type Schema = Record<string, unknown>;

/** A document with one GET list per entry: `/hosts` → records of `schema` (and `example`). */
function listing(ops: Record<string, { schema: Schema; example?: unknown }>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, { schema, example }] of Object.entries(ops)) {
    paths[`/${name}`] = {
      get: {
        operationId: `list_${name}`,
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: { type: "array", items: schema },
                ...(example ? { example: [example] } : {}),
              },
            },
          },
        },
      },
    };
  }
  return specOf({ paths });
}

function mappingOf(ops: Record<string, { schema: Schema; example?: unknown }>, name: string) {
  const model = buildModel(listing(ops), {
    name: "acme",
    operations: Object.keys(ops).map((n) => `list_${n}`),
  });
  const op = model.operations.find((o) => o.operationId === `list_${name}`);
  if (!op) throw new Error(`no operation ${name}`);
  return op.mapping;
}

const paths = (choice: FieldChoice | undefined) =>
  choice?.fields.map((f) => f.path.join(".") + (f.optional ? "?" : ""));

const object = (properties: Schema, required: string[] = []): Schema => ({
  type: "object",
  properties,
  required,
});
const text = { type: "string" };
const host = object({ id: text, hostname: text, ip: { type: "string", format: "ipv4" } }, [
  "id",
  "ip",
]);

describe("mapping > the asset a record is or names", () => {
  it("a host is grouped by its hostname (else its IP) and named by its IP", () => {
    const { locator } = mappingOf({ hosts: { schema: host } }, "hosts");
    expect(locator?.kind).toBe("host");
    expect(paths(locator?.dns)).toEqual(["hostname?", "ip"]);
    expect(paths(locator?.name)).toEqual(["ip"]);
  });

  it("a finding that names its host by id hangs off that host, when the hosts are read too", () => {
    const finding = object({ id: text, host_id: text, cve: text, hostname: text }, ["host_id"]);
    const joined = mappingOf(
      { hosts: { schema: host }, findings: { schema: finding } },
      "findings",
    );
    expect(joined.join).toMatchObject({
      operationId: "list_hosts",
      field: { path: ["host_id"] },
      key: { path: ["id"] },
      noun: "host",
    });
    // alone, the finding can only hang off the hostname it carries
    const alone = mappingOf({ findings: { schema: finding } }, "findings");
    expect(alone.join).toBeUndefined();
    expect(paths(alone.locator?.dns)).toEqual(["hostname?"]);
  });

  it("a repository: its web URL, never a URI template or an API URL", () => {
    const repo = object(
      {
        id: { type: "integer" },
        full_name: text,
        url: { type: "string", format: "uri" },
        html_url: { type: "string", format: "uri" },
        archive_url: text,
      },
      ["id", "full_name", "url", "html_url", "archive_url"],
    );
    const example = {
      id: 1,
      full_name: "octocat/Hello-World",
      url: "https://api.github.com/repos/octocat/Hello-World",
      html_url: "https://github.com/octocat/Hello-World",
      archive_url: "https://api.github.com/repos/octocat/Hello-World/{archive_format}{/ref}",
    };
    const { locator } = mappingOf({ repos: { schema: repo, example } }, "repos");
    expect(locator?.kind).toBe("repository");
    expect(paths(locator?.dns)).toEqual(["html_url"]);
    expect(paths(locator?.name)).toEqual(["full_name"]);
    const alert = object({ number: { type: "integer" }, repository: repo, url: text }, [
      "number",
      "repository",
    ]);
    const found = mappingOf(
      { alerts: { schema: alert, example: { number: 4, repository: example } } },
      "alerts",
    );
    expect(paths(found.locator?.dns)).toEqual(["repository.html_url"]);
  });

  it("a URL the finding is about; not the API's own link beside an html_url", () => {
    const issue = object({ id: text, title: text, url: text }, ["id", "url"]);
    const { locator } = mappingOf(
      {
        issues: {
          schema: issue,
          example: { id: "1", title: "XSS", url: "https://app.example.com/login" },
        },
      },
      "issues",
    );
    expect(locator).toMatchObject({ kind: "url" });
    expect(paths(locator?.dns)).toEqual(["url"]);
    const selfLink = object({ id: text, url: text, html_url: text }, ["id"]);
    expect(mappingOf({ issues: { schema: selfLink } }, "issues").locator).toBeUndefined();
  });

  it("an address that belongs to someone else (the client that signed in) is not the asset", () => {
    const attempt = object({
      uuid: text,
      client: object({ ip_address: text }),
      source_ip: text,
    });
    expect(mappingOf({ signinattempts: { schema: attempt } }, "signinattempts").locator).toBe(
      undefined,
    );
  });
});

describe("mapping > what names a risk", () => {
  const cases: [string, Schema, string[] | undefined][] = [
    [
      "a CVE first, then the vendor's id",
      object({ id: text, cve_id: text, title: text }, ["id"]),
      ["cve_id?", "id"],
    ],
    [
      "an advisory when there is no CVE",
      object(
        { number: { type: "integer" }, security_advisory: object({ ghsa_id: text }, ["ghsa_id"]) },
        ["number", "security_advisory"],
      ),
      ["security_advisory.ghsa_id"],
    ],
    [
      "a rule id before the alert number",
      object({ number: { type: "integer" }, rule: object({ id: text, name: text }) }, ["number"]),
      ["rule.id?", "rule.name?", "number"],
    ],
    [
      "never a timestamp: the title when nothing else names it",
      object({ created_at: { type: "string", format: "date-time" }, title: text }, ["title"]),
      ["title"],
    ],
    [
      "nothing at all when only timestamps are there",
      object({ created_at: { type: "string", format: "date-time" }, seen_at: text }),
      undefined,
    ],
  ];
  it.each(cases)("%s", (_name, schema, want) => {
    expect(paths(mappingOf({ vulnerabilities: { schema } }, "vulnerabilities").identity)).toEqual(
      want,
    );
  });

  it("an attribute's value is the record's own id, not a field that names another record", () => {
    const event = object({ actor_uuid: text, action: text, uuid: text });
    expect(paths(mappingOf({ auditevents: { schema: event } }, "auditevents").identity)).toEqual([
      "uuid?",
    ]);
  });
});

describe("mapping > state and severity", () => {
  const entries = (m: MappingModel, kind: "state" | "severity") => {
    const table =
      kind === "state" ? m.state : m.severity?.kind === "enum" ? m.severity.table : undefined;
    return table?.entries.map((e) => `${e.value}=${e.letter}${e.known ? "" : "?"}`);
  };

  it("vendor states: open → T, accepted/ignored/dismissed → I, fixed/resolved/closed → R", () => {
    const states = [
      "open",
      "accepted",
      "ignored",
      "dismissed",
      "fixed",
      "resolved",
      "closed",
      "in_review",
    ];
    const finding = object({ id: text, state: { type: "string", enum: states } }, ["id", "state"]);
    expect(entries(mappingOf({ findings: { schema: finding } }, "findings"), "state")).toEqual([
      "open=T",
      "accepted=I",
      "ignored=I",
      "dismissed=I",
      "fixed=R",
      "resolved=R",
      "closed=R",
      "in_review=T?",
    ]);
  });

  it("severity from the severity enum, else from the CVSS score", () => {
    const words = object({
      id: text,
      severity: { type: "string", enum: ["low", "moderate", "critical", "urgent"] },
      cvss: { type: "number" },
    });
    const both = mappingOf({ findings: { schema: words } }, "findings");
    expect(entries(both, "severity")).toEqual(["low=L", "moderate=M", "critical=C", "urgent=I?"]);
    expect(both.severity?.alternative).toBe("cvss");
    const score = object({ id: text, cvss: object({ score: { type: "number" } }) });
    const cvss = mappingOf({ findings: { schema: score } }, "findings").severity;
    expect(cvss?.kind === "cvss" && cvss.field.path).toEqual(["cvss", "score"]);
  });

  it("assets and attributes get no state or severity", () => {
    const m = mappingOf(
      { hosts: { schema: object({ id: text, status: { type: "string", enum: ["open"] } }) } },
      "hosts",
    );
    expect([m.state, m.severity]).toEqual([undefined, undefined]);
  });
});
