/**
 * The `PageStrategy` literal a generated client passes to the runtime's `paginate`. Body paths
 * become `readPath(body, [...])` calls on JSON string literals: spec text stays data.
 */
import type { BodyPath, Pagination } from "../../model/types.js";
import { stringLiteral } from "../safe-text.js";

const pathLiteral = (path: BodyPath) => `[${path.map((key) => stringLiteral(key)).join(", ")}]`;
const reader = (path: BodyPath) => `(body) => readPath(body, ${pathLiteral(path)})`;

/** Properties of the strategy object, one per line, for a template to place inside `{ … }`. */
export function strategyProperties(pagination: Pagination, defaultPageSize: string): string[] {
  switch (pagination.style) {
    case "none":
      return [`style: "none"`];
    case "link":
      return [`style: "link"`];
    case "nextUrl":
      return [`style: "nextUrl"`, `nextUrl: ${reader(pagination.nextUrl)}`];
    case "cursor":
      return [
        `style: "cursor"`,
        `param: ${stringLiteral(pagination.cursorParam)}`,
        `nextCursor: ${reader(pagination.nextCursor)}`,
        ...(pagination.hasMore ? [`hasMore: ${reader(pagination.hasMore)}`] : []),
      ];
    case "offset":
      return [
        `style: "offset"`,
        `offsetParam: ${stringLiteral(pagination.offsetParam)}`,
        `limitParam: ${stringLiteral(pagination.limitParam)}`,
        `limit: ${defaultPageSize}`,
        ...(pagination.total ? [`total: ${reader(pagination.total)}`] : []),
      ];
    case "page":
      return [
        `style: "page"`,
        `pageParam: ${stringLiteral(pagination.pageParam)}`,
        ...(pagination.perPageParam
          ? [
              `perPageParam: ${stringLiteral(pagination.perPageParam)}`,
              `perPage: ${defaultPageSize}`,
            ]
          : []),
        `firstPage: ${pagination.firstPage}`,
        ...(pagination.totalPages ? [`totalPages: ${reader(pagination.totalPages)}`] : []),
      ];
  }
}

/** A body path as a JSON literal, for tests that build mock pages. */
export function bodyPathLiteral(path: BodyPath | undefined): string {
  return path ? pathLiteral(path) : "[]";
}
