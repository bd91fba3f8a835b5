/**
 * A spec's path key as openapi-fetch should see it. AWS-style descriptions key one route several
 * times with a fragment (`/tags#resourceArn`) or a fixed query (`/?Action=ListUsers`); openapi-fetch
 * appends `?query` to the key as it is, so the request's query would land inside the fragment (never
 * sent) or after a second `?`. The fragment is dropped and the fixed query joins the request's own.
 */
export interface PathKey {
  path: string;
  /** The key's fixed query parameters, e.g. `{ Action: "ListUsers" }`. */
  query: Record<string, string> | undefined;
}

export function splitPathKey(key: string): PathKey {
  const hash = key.indexOf("#");
  const withoutFragment = hash >= 0 ? key.slice(0, hash) : key;
  const mark = withoutFragment.indexOf("?");
  if (mark < 0) return { path: withoutFragment, query: undefined };
  const query = Object.fromEntries(new URLSearchParams(withoutFragment.slice(mark + 1)));
  return { path: withoutFragment.slice(0, mark), query };
}

type Init = { params?: { query?: unknown } } & Record<string, unknown>;

/** `init` with the key's fixed query under the request's own (the request's values win). */
export function withKeyQuery<I extends Init | undefined>(
  init: I,
  query: Record<string, string> | undefined,
): I | Init {
  if (!query) return init;
  const own = init?.params?.query;
  const merged = typeof own === "object" && own !== null ? { ...query, ...own } : query;
  return { ...init, params: { ...init?.params, query: merged } };
}
