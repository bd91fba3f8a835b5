// biome-ignore-all lint/suspicious/noTemplateCurlyInString: hostile spec text holds `${` on purpose
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "../../src/model/index.js";
import type { IntegrationModel } from "../../src/model/types.js";
import { listOperations, loadSpec, validateDocument } from "../../src/openapi/index.js";
import { fixture } from "../openapi/helpers.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
  "class",
  "constructor",
  "delete",
  "__proto__",
  "prototype",
  "new",
  "function",
  "default",
]);

/** Strings that break out of comments, template literals, strings or paths if written raw. */
const BREAKERS = ["*/", "`", "${", '"', "'", "\n", "../", "/*"];

describe("hostile document", () => {
  let model: IntegrationModel;
  beforeAll(async () => {
    const spec = await loadSpec(fixture("hostile.yaml"));
    model = buildModel(spec, {
      name: "hostile",
      operations: listOperations(spec).map((o) => o.operationId),
    });
  });

  it("every identifier is safe and not reserved", () => {
    const names = [
      model.className,
      model.fileBase,
      ...[...model.operations, ...model.extraOperations].flatMap((o) => [
        o.methodName,
        o.recordName,
        ...o.parameters.map((p) => p.identifier),
      ]),
    ];
    for (const name of names) {
      expect(name, name).toMatch(IDENTIFIER);
      expect(RESERVED.has(name), name).toBe(false);
      for (const b of BREAKERS) expect(name.includes(b), name).toBe(false);
    }
  });

  it("method names are unique, duplicate and missing ids included", () => {
    const methods = model.operations.map((o) => o.methodName);
    expect(new Set(methods).size).toBe(methods.length);
    expect(model.operations.map((o) => o.operationId)).toEqual(
      expect.arrayContaining(["class", "class_get", "get-vulns"]),
    );
    expect(model.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(["DUPLICATE_OPERATION_ID", "MISSING_OPERATION_ID"]),
    );
  });

  it("reports every rename with a reason", () => {
    const byFrom = Object.fromEntries(model.renames.map((r) => [`${r.kind}:${r.from}`, r]));
    expect(byFrom["method:class"]).toMatchObject({ to: "class_", reason: "reserved word" });
    expect(byFrom["method:constructor"]).toMatchObject({ to: "constructor_" });
    expect(byFrom["method:delete"]).toMatchObject({ to: "delete_" });
    expect(byFrom["method:123start"]).toMatchObject({
      to: "_123start",
      reason: "starts with a digit",
    });
    expect(byFrom["method:***"]).toMatchObject({ to: "operation" });
    expect(byFrom["parameter:a_b"]).toMatchObject({ to: "aB2" });
    for (const r of model.renames) expect(r.reason.length).toBeGreaterThan(0);
  });

  it("keeps raw strings as data, unchanged", () => {
    expect(model.title).toContain("*/ `${process.exit(1)}`");
    expect(model.title).toContain("\n");
    const hosts = model.operations.find((o) => o.operationId === "class");
    expect(hosts?.summary).toBe("List hosts */ ${x} `y`");
    expect(hosts?.parameters.map((p) => p.name)).toContain("${x}");
    // JSON.parse, because a `__proto__` key in an object literal would set the prototype instead
    const want = JSON.parse(
      '{"__proto__":"polluted */","constructor":"`${x}`","hostname":"../../etc/passwd"}',
    );
    expect(hosts?.sample).toEqual(want);
    expect(model.auth).toMatchObject({ kind: "apiKey", name: "X-Key'*`|~" });
  });

  it("a __proto__ key stays an own key and pollutes nothing", () => {
    const hosts = model.operations.find((o) => o.operationId === "class");
    expect(Object.hasOwn(hosts?.sample as object, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(hosts?.sample)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const byId = model.operations.find((o) => o.operationId === "class_get");
    expect(Object.hasOwn(byId?.sample as object, "__proto__")).toBe(true);
  });

  it("the base URL is a URL, never a path outside the host", () => {
    expect(new URL(model.baseUrl).host).toBe("acme.evil.example");
  });

  it("the pruned document still validates", async () => {
    expect(await validateDocument(model.document as never)).toEqual([]);
  });
});
