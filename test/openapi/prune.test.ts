import { describe, expect, it } from "vitest";
import { pruneDocument, validateDocument } from "../../src/openapi/index.js";
import { specOf } from "./helpers.js";

const json = (schema: object) => ({ content: { "application/json": { schema } } });

/** Every way a component can be reached, and components no kept operation reaches. */
const doc = specOf({
  security: [{ key: [] }],
  tags: [{ name: "pets" }, { name: "unused" }],
  paths: {
    "/pets": {
      parameters: [{ $ref: "#/components/parameters/Tenant" }],
      get: {
        operationId: "listPets",
        tags: ["pets"],
        parameters: [{ $ref: "#/components/parameters/Limit" }],
        responses: {
          "200": { $ref: "#/components/responses/PetPage" },
          default: { description: "error", ...json({ $ref: "#/components/schemas/Error" }) },
        },
      },
      post: {
        operationId: "createPet",
        requestBody: { $ref: "#/components/requestBodies/NewPet" },
        responses: { "201": { description: "ok" } },
      },
    },
    "/owners": {
      get: {
        operationId: "listOwners",
        responses: {
          "200": { description: "ok", ...json({ $ref: "#/components/schemas/Owner" }) },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      key: { type: "apiKey", in: "header", name: "X-Key" },
      other: { type: "http", scheme: "basic" },
    },
    parameters: {
      Tenant: { name: "tenant", in: "header", schema: { type: "string" } },
      Limit: { name: "limit", in: "query", schema: { $ref: "#/components/schemas/Size" } },
    },
    headers: { Link: { schema: { type: "string" } } },
    responses: {
      PetPage: {
        description: "ok",
        headers: { Link: { $ref: "#/components/headers/Link" } },
        ...json({ type: "array", items: { $ref: "#/components/schemas/Pet" } }),
      },
    },
    requestBodies: { NewPet: json({ $ref: "#/components/schemas/NewPet" }) },
    schemas: {
      Size: { type: "integer" },
      Error: { type: "object", properties: { message: { type: "string" } } },
      Pet: {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: {
          propertyName: "kind",
          mapping: {
            cat: "#/components/schemas/Cat",
            dog: "Dog",
            ghost: "./elsewhere.yaml#/Ghost",
          },
        },
      },
      Cat: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          { type: "object", properties: { lives: { type: "integer" } } },
        ],
      },
      Dog: {
        anyOf: [{ $ref: "#/components/schemas/Base" }],
        properties: { friend: { $ref: "#/components/schemas/Dog" } },
      },
      Base: {
        type: "object",
        properties: { kind: { type: "string" }, owner: { $ref: "#/components/schemas/Owner" } },
      },
      Owner: { type: "object", properties: { name: { type: "string" } } },
      NewPet: { type: "object" },
      Unused: { type: "object" },
    },
  },
}).document;

describe("pruneDocument", () => {
  const pruned = pruneDocument(doc, [{ method: "GET", path: "/pets" }]);

  it("keeps only the selected operations", () => {
    expect(Object.keys(pruned.paths)).toEqual(["/pets"]);
    expect(Object.keys(pruned.paths["/pets"] ?? {})).toEqual(["parameters", "get"]);
  });

  it("keeps every component the operation reaches, through every kind of reference", () => {
    expect(Object.keys(pruned.components?.schemas ?? {})).toEqual([
      "Size",
      "Error",
      "Pet",
      "Cat",
      "Dog",
      "Base",
      "Owner",
    ]);
    expect(Object.keys(pruned.components?.parameters ?? {})).toEqual(["Tenant", "Limit"]);
    expect(Object.keys(pruned.components?.responses ?? {})).toEqual(["PetPage"]);
    expect(Object.keys(pruned.components?.headers ?? {})).toEqual(["Link"]);
    expect(pruned.components?.requestBodies).toBeUndefined();
  });

  it("keeps the security schemes in use, and the tags in use", () => {
    expect(Object.keys(pruned.components?.securitySchemes ?? {})).toEqual(["key"]);
    expect(pruned.tags).toEqual([{ name: "pets" }]);
  });

  it("drops discriminator mappings that point outside the document", () => {
    const pet = pruned.components?.schemas?.Pet as {
      discriminator: { mapping: Record<string, string> };
    };
    expect(pet.discriminator.mapping).toEqual({ cat: "#/components/schemas/Cat", dog: "Dog" });
  });

  it("does not touch the original", () => {
    const pet = doc.components?.schemas?.Pet as {
      discriminator: { mapping: Record<string, string> };
    };
    expect(Object.keys(pet.discriminator.mapping)).toHaveLength(3);
    expect(pruned.components?.schemas?.Owner).not.toBe(doc.components?.schemas?.Owner);
  });

  it("still validates", async () => {
    expect(await validateDocument(pruned)).toEqual([]);
    expect(
      await validateDocument(
        pruneDocument(doc, [
          { method: "post", path: "/pets" },
          { method: "get", path: "/owners" },
        ]),
      ),
    ).toEqual([]);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(pruneDocument(doc, [{ method: "get", path: "/pets" }]))).toBe(
      JSON.stringify(pruned),
    );
  });

  it("refuses an operation the document does not have", () => {
    expect(() => pruneDocument(doc, [{ method: "delete", path: "/pets" }])).toThrow(
      /DELETE \/pets/,
    );
  });
});

describe("validateDocument", () => {
  it("reports a dangling ref with its pointer", async () => {
    const broken = specOf({
      paths: {
        "/x": {
          get: {
            responses: {
              "200": { description: "ok", ...json({ $ref: "#/components/schemas/Nope" }) },
            },
          },
        },
      },
    }).document;
    const problems = await validateDocument(broken);
    expect(problems[0]?.pointer).toBe(
      "#/paths/~1x/get/responses/200/content/application~1json/schema",
    );
  });
});
