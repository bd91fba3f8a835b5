/**
 * The change report's front function: the recorded spec (the snapshot in `.capkit/`) and the new
 * one, compared for the integration's own operations only. An operation that left the spec is
 * found again by its route when only its id changed.
 */
import { indexOperations, type OperationRef } from "../../openapi/operations.js";
import type { OpenAPIV3Document } from "../../openapi/types.js";
import type { SpecChange } from "./change.js";
import { compareOperation } from "./compare-operation.js";
import { compareSecurity, securityOf } from "./security.js";

export function compareSpecs(
  old: OpenAPIV3Document,
  next: OpenAPIV3Document,
  operations: readonly string[],
): SpecChange[] {
  const changes: SpecChange[] = [];
  const oldOps = byId(old);
  const nextOps = byId(next);
  const nextByRoute = new Map(indexOperations(next).operations.map((op) => [routeOf(op), op]));
  for (const id of operations) {
    const report = (c: Omit<SpecChange, "operation">) => changes.push({ operation: id, ...c });
    const before = oldOps.get(id);
    if (!before) continue;
    let after = nextOps.get(id);
    if (!after) {
      const moved = nextByRoute.get(routeOf(before));
      report({
        id: moved ? "operation-id-changed" : "api-removed",
        breaking: true,
        where: "operation",
        message: moved
          ? `${routeOf(before)} is now called ${JSON.stringify(moved.operationId)}: the generated method and the manifest name the old id`
          : `${routeOf(before)} was removed from the spec: the code that calls it stays, and no longer compiles`,
      });
      if (!moved) continue;
      after = moved;
    }
    compareOperation({ doc: old, op: before }, { doc: next, op: after }, report);
    compareSecurity(securityOf(old, before), securityOf(next, after), report);
  }
  const oldServer = firstServer(old);
  const nextServer = firstServer(next);
  if (oldServer !== nextServer) {
    changes.push({
      operation: "*",
      id: "server-changed",
      breaking: true,
      where: "servers",
      message: `the base URL is now ${nextServer || "(none)"} instead of ${oldServer || "(none)"}`,
    });
  }
  return changes;
}

const routeOf = (op: OperationRef) => `${op.method.toUpperCase()} ${op.path}`;

function byId(doc: OpenAPIV3Document): Map<string, OperationRef> {
  return new Map(indexOperations(doc).operations.map((op) => [op.operationId, op]));
}

function firstServer(doc: OpenAPIV3Document): string {
  const url = Array.isArray(doc.servers) ? doc.servers[0]?.url : undefined;
  return typeof url === "string" ? url : "";
}
