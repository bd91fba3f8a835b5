import { OptionsError } from "./errors.js";
import {
  expectFunction,
  expectNonEmptyString,
  expectOneOf,
  expectPositiveInteger,
} from "./validate.js";

export type PageStep = { params: Record<string, string | number> } | { url: string };

export type PageStrategy =
  | { style: "none" }
  | {
      style: "cursor";
      param: string;
      nextCursor: (body: unknown) => unknown;
      hasMore?: (body: unknown) => unknown;
    }
  | { style: "nextUrl"; nextUrl: (body: unknown) => unknown }
  | { style: "link" }
  | {
      style: "offset";
      offsetParam: string;
      limitParam: string;
      limit: number;
      total?: (body: unknown) => unknown;
    }
  | {
      style: "page";
      pageParam: string;
      perPageParam?: string;
      perPage?: number;
      firstPage?: 0 | 1;
      totalPages?: (body: unknown) => unknown;
    };

export const PAGE_STYLES = ["none", "cursor", "nextUrl", "link", "offset", "page"] as const;

export interface PageContext {
  body: unknown;
  response: Response;
  /** Items on the page just read. */
  count: number;
}

/**
 * One strategy = where to start and how to get from one page to the next. `undefined` is the API's
 * own end of the listing; an empty page with a next step is read past (see paginate).
 */
export interface Pager {
  first(): PageStep;
  next(page: PageContext): PageStep | undefined;
}

/** Validates the strategy (throws naming the option) and returns its pager. */
export function createPager(strategy: PageStrategy): Pager {
  if (typeof strategy !== "object" || strategy === null) {
    throw new OptionsError("strategy", "Expected `strategy` to be an object with a `style`.");
  }
  const style = expectOneOf("strategy.style", strategy.style, PAGE_STYLES);
  return pagerOf(style, strategy);
}

type Style = PageStrategy["style"];
type StrategyOf = { [S in Style]: Extract<PageStrategy, { style: S }> };
type Builders = { [S in Style]: (s: StrategyOf[S]) => Pager };

// generic in the style, so that TypeScript pairs each builder with its own strategy (no cast)
function pagerOf<S extends Style>(style: S, strategy: StrategyOf[S]): Pager {
  return PAGERS[style](strategy);
}

const PAGERS: Builders = {
  none: () => ({ first: () => ({ params: {} }), next: () => undefined }),

  cursor(s) {
    expectNonEmptyString("strategy.param", s.param);
    expectFunction("strategy.nextCursor", s.nextCursor);
    if (s.hasMore !== undefined) expectFunction("strategy.hasMore", s.hasMore);
    return {
      first: () => ({ params: {} }),
      next({ body }) {
        if (s.hasMore && !s.hasMore(body)) return undefined;
        const cursor = present(s.nextCursor(body));
        return cursor === undefined ? undefined : { params: { [s.param]: cursor } };
      },
    };
  },

  nextUrl(s) {
    expectFunction("strategy.nextUrl", s.nextUrl);
    return {
      first: () => ({ params: {} }),
      next({ body }) {
        const url = present(s.nextUrl(body));
        return url === undefined ? undefined : { url };
      },
    };
  },

  link() {
    return {
      first: () => ({ params: {} }),
      next({ response }) {
        const url = nextLink(response.headers.get("link"));
        return url === undefined ? undefined : { url };
      },
    };
  },

  offset(s) {
    expectNonEmptyString("strategy.offsetParam", s.offsetParam);
    expectNonEmptyString("strategy.limitParam", s.limitParam);
    expectPositiveInteger("strategy.limit", s.limit);
    if (s.total !== undefined) expectFunction("strategy.total", s.total);
    let offset = 0;
    const step = () => ({ params: { [s.offsetParam]: offset, [s.limitParam]: s.limit } });
    return {
      first: step,
      next({ body, count }) {
        // An empty page the total says is not the last: step over it, a page's worth.
        offset += count > 0 ? count : s.limit;
        const total = s.total ? Number(s.total(body)) : Number.NaN;
        if (Number.isFinite(total) ? offset >= total : count < s.limit) return undefined;
        return step();
      },
    };
  },

  page(s) {
    expectNonEmptyString("strategy.pageParam", s.pageParam);
    if (s.perPage !== undefined) expectPositiveInteger("strategy.perPage", s.perPage);
    if (s.perPageParam !== undefined) expectNonEmptyString("strategy.perPageParam", s.perPageParam);
    if (s.firstPage !== undefined && s.firstPage !== 0 && s.firstPage !== 1) {
      throw new OptionsError(
        "strategy.firstPage",
        "Expected `strategy.firstPage` to be one of: 0, 1.",
      );
    }
    if (s.totalPages !== undefined) expectFunction("strategy.totalPages", s.totalPages);
    const firstPage = s.firstPage ?? 1;
    let page = firstPage;
    const step = () => {
      const params: Record<string, number> = { [s.pageParam]: page };
      if (s.perPageParam && s.perPage) params[s.perPageParam] = s.perPage;
      return { params };
    };
    return {
      first: step,
      next({ body, count }) {
        const totalPages = s.totalPages ? Number(s.totalPages(body)) : Number.NaN;
        const pagesRead = page - firstPage + 1;
        // Without a page count, an empty or short page is the last one.
        const last = Number.isFinite(totalPages)
          ? pagesRead >= totalPages
          : count === 0 || (s.perPage !== undefined && count < s.perPage);
        if (last) return undefined;
        page += 1;
        return step();
      },
    };
  },
};

function present(value: unknown): string | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  const text = String(value);
  return text === "" ? undefined : text;
}

/** Pure: the `rel="next"` target of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  // Split on commas that start a new `<…>` link, not commas inside a URL.
  for (const part of header.split(/,\s*(?=<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? "");
    const rels = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (rels.includes("next")) return match[1];
  }
  return undefined;
}
