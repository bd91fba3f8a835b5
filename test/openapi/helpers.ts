import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { CapkitError } from "../../src/errors.js";
import type { LoadedSpec, OpenAPIV3Document } from "../../src/openapi/index.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/specs/", import.meta.url));
export const fixture = (name: string): string => join(FIXTURES, name);

/** A LoadedSpec around an in-memory document, for unit tests of select/prune/model. */
export function specOf(document: Partial<OpenAPIV3Document>, source = "inline.json"): LoadedSpec {
  const doc = {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    paths: {},
    ...document,
  } as OpenAPIV3Document;
  return {
    source,
    hash: "0".repeat(64),
    document: doc,
    openapi: doc.openapi,
    converted: false,
    warnings: [],
  };
}

/** A temporary folder with files; removed by the returned function. */
export function tempFiles(files: Record<string, string>): {
  dir: string;
  path: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), "capkit-spec-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Awaits a rejection and checks it is a one-paragraph CapkitError with the code (and place). */
export async function expectCapkitError(
  promise: Promise<unknown> | (() => unknown),
  code: string,
  where?: string | RegExp,
): Promise<CapkitError> {
  let error: unknown;
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(CapkitError);
  const e = error as CapkitError;
  expect(e.code).toBe(code);
  expect(e.message).not.toContain("\n");
  if (where !== undefined) {
    if (typeof where === "string") expect(e.where).toBe(where);
    else expect(e.where).toMatch(where);
  }
  return e;
}

/** A minimal valid OpenAPI 3.0 document with one GET list operation. */
export function minimalDoc(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    openapi: "3.0.3",
    info: { title: "Mini", version: "1" },
    servers: [{ url: "https://api.mini.example" }],
    paths: {
      "/hosts": {
        get: {
          operationId: "listHosts",
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": { schema: { type: "array", items: { type: "object" } } },
              },
            },
          },
        },
      },
    },
    ...extra,
  });
}
