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
  /** The page's records; `undefined` or `[]` is an empty page. */
  items: (body: unknown) => readonly T[] | undefined;
  /** Default 1000; hitting it logs a warning (the listing was cut short). */
  maxPages?: number | undefined;
  /**
   * Empty pages in a row that still name a next page before the listing stops with a warning.
   * Default 10 (some APIs filter after paging and return empty pages in the middle).
   */
  maxEmptyPages?: number | undefined;
  /** Checked before each page; an abort rejects with an `ABORTED` IntegrationError. */
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
}

const DEFAULT_MAX_PAGES = 1000;
const DEFAULT_MAX_EMPTY_PAGES = 10;

/**
 * Yields records one at a time across pages. Only the current page is held (plus one key per page
 * read, to spot a cycle), so memory stays flat however many records there are. Ends quietly when
 * the API says there is no next page; stops with a warning at `maxPages`, after `maxEmptyPages`
 * empty pages in a row, or when a cursor or URL comes round again. Options are validated here,
 * before the first page is requested.
 */
export function paginate<T, S extends PageStrategy = PageStrategy>(
  options: PaginateOptions<T, S>,
): AsyncGenerator<T> {
  const pager = createPager(options.strategy);
  expectFunction("request", options.request);
  expectFunction("items", options.items);
  const maxPages = expectPositiveInteger("maxPages", options.maxPages ?? DEFAULT_MAX_PAGES);
  const maxEmptyPages = expectPositiveInteger(
    "maxEmptyPages",
    options.maxEmptyPages ?? DEFAULT_MAX_EMPTY_PAGES,
  );
  return pages(options, pager, { maxPages, maxEmptyPages });
}

async function* pages<T, S extends PageStrategy>(
  options: PaginateOptions<T, S>,
  pager: ReturnType<typeof createPager>,
  limits: { maxPages: number; maxEmptyPages: number },
): AsyncGenerator<T> {
  const { signal, logger, operation } = options;
  const stop = (fields: Record<string, unknown>, why: string) =>
    logger?.warn({ operation, ...fields }, `pagination stopped ${why}; results are incomplete`);
  // Every step taken, and every page URL seen: a cycle is caught on its first repeat.
  const seen = new Set<string>();
  let step: PageStep = pager.first();
  let emptyRun = 0;
  for (let page = 1; ; page++) {
    if (signal?.aborted) throw abortedError(operation, signal);
    seen.add(keyOf(step));
    // the pager of strategy S only makes the steps StepOf<S> describes
    const { body, response } = await options.request(step as StepOf<S>);
    if (response.url) seen.add(keyOf({ url: response.url }));
    const items = options.items(body) ?? [];
    const count = items.length;
    for (const item of items) yield item;
    const next = pager.next({ body, response, count });
    if (!next) return;
    emptyRun = count === 0 ? emptyRun + 1 : 0;
    if (emptyRun >= limits.maxEmptyPages) {
      stop({ maxEmptyPages: limits.maxEmptyPages }, "after maxEmptyPages empty pages in a row");
      return;
    }
    if (seen.has(keyOf(next))) {
      stop({ page }, "at a repeated cursor or page URL (the API is going round in a cycle)");
      return;
    }
    if (page >= limits.maxPages) {
      stop({ maxPages: limits.maxPages }, "at maxPages");
      return;
    }
    step = next;
  }
}

function keyOf(step: PageStep): string {
  return "url" in step ? `url ${step.url}` : `params ${JSON.stringify(step.params)}`;
}
