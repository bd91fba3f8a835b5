import { abortedError } from "./abort.js";
import type { Logger } from "./logger.js";
import { createPager, type PageStep, type PageStrategy } from "./page-strategies.js";
import { expectFunction, expectPositiveInteger } from "./validate.js";

/**
 * The steps a strategy takes: only the next-URL and Link styles ever hand over a `{ url }`, so a
 * cursor, offset or page listing reads `step.params` without a branch that can never run.
 */
export type StepOf<S extends PageStrategy> = S extends { style: "nextUrl" | "link" }
  ? PageStep
  : Extract<PageStep, { params: unknown }>;

export interface PaginateOptions<T, S extends PageStrategy = PageStrategy> {
  /** Names the listing in logs. */
  operation: string;
  strategy: S;
  /** Fetch one page: `{ params }` to merge into the query, or `{ url }` to follow as is. */
  request: (step: StepOf<S>) => Promise<{ body: unknown; response: Response }>;
  /** The page's records; `undefined` or `[]` ends the listing. */
  items: (body: unknown) => readonly T[] | undefined;
  /** Default 1000; hitting it logs a warning (the listing was cut short). */
  maxPages?: number | undefined;
  /** Checked before each page; an abort rejects with an `ABORTED` IntegrationError. */
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
}

const DEFAULT_MAX_PAGES = 1000;

/**
 * Yields records one at a time across pages. Only the current page is held, so memory stays flat
 * however long the listing is. Stops when the strategy finds no next page, on an empty page, or at
 * `maxPages`. Options are validated here, before the first page is requested.
 */
export function paginate<T, S extends PageStrategy = PageStrategy>(
  options: PaginateOptions<T, S>,
): AsyncGenerator<T> {
  const pager = createPager(options.strategy);
  expectFunction("request", options.request);
  expectFunction("items", options.items);
  const maxPages = expectPositiveInteger("maxPages", options.maxPages ?? DEFAULT_MAX_PAGES);
  return pages(options, pager, maxPages);
}

async function* pages<T, S extends PageStrategy>(
  options: PaginateOptions<T, S>,
  pager: ReturnType<typeof createPager>,
  maxPages: number,
): AsyncGenerator<T> {
  const { signal, logger, operation } = options;
  let step: PageStep = pager.first();
  for (let page = 1; ; page++) {
    if (signal?.aborted) throw abortedError(operation, signal);
    // the pager of strategy S only makes the steps StepOf<S> describes
    const { body, response } = await options.request(step as StepOf<S>);
    const items = options.items(body) ?? [];
    const count = items.length;
    for (const item of items) yield item;
    if (count === 0) return;
    const next = pager.next({ body, response, count });
    if (!next) return;
    if (page >= maxPages) {
      logger?.warn(
        { operation, maxPages },
        "pagination stopped at maxPages; results are incomplete",
      );
      return;
    }
    step = next;
  }
}
