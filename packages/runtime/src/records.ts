/**
 * What generated clients share: reading records out of a page, checking each against its zod
 * schema, and following a next-page URL through the same resilient fetch.
 */
import type { z } from "zod";
import { fieldsOf } from "./checked-records.js";
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
  throw new IntegrationError(
    "RECORD_MISMATCH",
    `${operation}: a record does not match the spec at ${fieldsOf(parsed.error).join(", ")}`,
    { operation, retryable: false },
  );
}

/** The array of records in a page: `undefined` (none, the page is empty) or the raw items. */
export function recordsAt(operation: string, value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value;
  throw new IntegrationError(
    "RECORD_MISMATCH",
    `${operation}: the response holds no array of records`,
    {
      operation,
      retryable: false,
    },
  );
}

/**
 * The records of one page, each checked: one bad record fails the page. Listings use
 * `recordsAt` with `checkRecords` instead, which skip a bad record and count it.
 */
export function parseRecords<T>(
  operation: string,
  schema: z.ZodType<T>,
  value: unknown,
): T[] | undefined {
  return recordsAt(operation, value)?.map((item) => parseRecord(operation, schema, item));
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
