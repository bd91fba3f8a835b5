/**
 * One bad record does not end a listing: each record is checked against its schema, and one that
 * does not match is skipped, logged and counted. The listing fails only when more records were
 * skipped than the threshold allows, with a summary that names fields, never values.
 */
import type { z } from "zod";
import { IntegrationError, OptionsError } from "./errors.js";
import type { Logger } from "./logger.js";
import { expectNonNegativeNumber } from "./validate.js";

export interface CheckRecordsOptions {
  /**
   * Share of a listing's records that may fail their schema before the listing fails (default
   * 0.1, i.e. 10 %). One bad record is always tolerated unless this is 0.
   */
  maxInvalidRatio?: number | undefined;
  logger?: Logger | undefined;
}

export const DEFAULT_MAX_INVALID_RATIO = 0.1;
/** Skipped records logged one by one; past this, only the summary at the end counts them. */
const LOGGED_ONE_BY_ONE = 10;

/**
 * Yields the records of `source` that match `schema`. Stopping early (a `break`, `maxPages`) is
 * not a failure; the threshold is checked when the listing has been read to its end. Options are
 * validated here, before the first record is read.
 */
export function checkRecords<T>(
  operation: string,
  schema: z.ZodType<T>,
  source: AsyncIterable<unknown>,
  options: CheckRecordsOptions = {},
): AsyncGenerator<T> {
  return check(operation, schema, source, maxInvalidRatio(options.maxInvalidRatio), options.logger);
}

async function* check<T>(
  operation: string,
  schema: z.ZodType<T>,
  source: AsyncIterable<unknown>,
  ratio: number,
  logger: Logger | undefined,
): AsyncGenerator<T> {
  const fieldCounts = new Map<string, number>();
  let total = 0;
  let skipped = 0;
  for await (const value of source) {
    const index = total++;
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      yield parsed.data;
      continue;
    }
    skipped++;
    const fields = fieldsOf(parsed.error);
    for (const field of fields) fieldCounts.set(field, (fieldCounts.get(field) ?? 0) + 1);
    if (skipped <= LOGGED_ONE_BY_ONE)
      logger?.warn({ operation, index, fields }, "skipped a record that does not match the spec");
  }
  if (skipped === 0) return;
  const summary = `${skipped} of ${total} records do not match the spec (${describeFields(fieldCounts)})`;
  if (skipped > allowed(ratio, total)) {
    throw new IntegrationError(
      "RECORDS_INVALID",
      `${operation}: ${summary}, more than the ${formatRatio(ratio)} allowed`,
      { operation, retryable: false },
    );
  }
  logger?.warn({ operation, skipped, total }, `${operation}: skipped ${summary}`);
}

function maxInvalidRatio(value: number | undefined): number {
  const ratio = expectNonNegativeNumber("maxInvalidRatio", value ?? DEFAULT_MAX_INVALID_RATIO);
  if (ratio > 1)
    throw new OptionsError("maxInvalidRatio", "Expected `maxInvalidRatio` to be from 0 to 1.");
  return ratio;
}

/** How many bad records a listing of `total` may hold: one at least, unless the ratio is 0. */
function allowed(ratio: number, total: number): number {
  return Math.max(ratio > 0 ? 1 : 0, Math.floor(ratio * total));
}

/** Field paths of a zod error (`host.ip`, `(record)` for the record itself); never a value. */
export function fieldsOf(error: z.ZodError): string[] {
  const fields = error.issues.map((issue) => issue.path.join(".").slice(0, 120) || "(record)");
  return [...new Set(fields)];
}

function describeFields(counts: Map<string, number>): string {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, 5).map(([field, n]) => `${field} ×${n}`);
  return `${shown.join(", ")}${sorted.length > 5 ? `, ${sorted.length - 5} more fields` : ""}`;
}

function formatRatio(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10} %`;
}
