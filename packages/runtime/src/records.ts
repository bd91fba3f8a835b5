/**
 * What generated clients share: reading records out of a page, checking each against its zod
 * schema, and following a next-page URL through the same resilient fetch.
 */
import type { z } from "zod";
import { IntegrationError } from "./errors.js";
import { type Http, readJson } from "./http.js";

/** Reads a path of property names from a JSON body; anything missing reads as `undefined`. */
export function readPath(body: unknown, path: readonly string[]): unknown {
  let node = body;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Checks one record against its schema; a mismatch names the fields, never their values. */
export function parseRecord<T>(operation: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "(record)");
  throw new IntegrationError(
    "RECORD_MISMATCH",
    `${operation}: a record does not match the spec at ${[...new Set(fields)].join(", ")}`,
    { operation, retryable: false },
  );
}

/** The records of one page: `undefined` (no records, the page is empty) or each one checked. */
export function parseRecords<T>(
  operation: string,
  schema: z.ZodType<T>,
  value: unknown,
): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new IntegrationError(
      "RECORD_MISMATCH",
      `${operation}: the response holds no array of records`,
      {
        operation,
        retryable: false,
      },
    );
  }
  return value.map((item) => parseRecord(operation, schema, item));
}

/** Fetches an absolute next-page URL (Link header or a URL in the body) through the same stack. */
export async function fetchNextPage<Paths extends {}>(
  http: Http<Paths>,
  operation: string,
  url: string,
): Promise<{ body: unknown; response: Response }> {
  const response = await http.fetch(url, { operation });
  return { body: await readJson(operation, response), response };
}
