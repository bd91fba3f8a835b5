import { CapkitError } from "../errors.js";
import { indexOperations } from "../openapi/operations.js";
import type { LoadedSpec } from "../openapi/types.js";

/** A pull run on a document that has only webhooks says how to get a receiver instead. */
export function assertHasOperations(spec: LoadedSpec): void {
  if (indexOperations(spec.document).operations.length > 0) return;
  throw new CapkitError(
    "SPEC_ONLY_WEBHOOKS",
    `${spec.source} describes webhook events but no operations (#/paths is empty): generate a receiver with --events <ids|patterns> (and --signature <scheme> when it is not detected).`,
    { source: spec.source, where: "#/paths", exitCode: 2 },
  );
}
