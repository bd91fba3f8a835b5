/**
 * Operations that read through POST: search and query endpoints, events feeds (1Password),
 * AWS-style JSON actions (`ListFindings`), Google's custom methods (`:batchGet`, `:query`). They
 * can be sources, and they are safe to repeat, so the client marks them idempotent and the runtime
 * retries them like GETs. The verb decides: a read verb first, no write verb anywhere.
 */
import type { OperationRef } from "./operations.js";
import { words } from "./record-kind.js";

const READ_VERBS = new Set([
  "list",
  "search",
  "query",
  "get",
  "describe",
  "find",
  "fetch",
  "lookup",
  "read",
  "retrieve",
  "batchget",
  "scan",
  "count",
  "filter",
  "browse",
  "select",
  // checks that answer a question (`isRoutingValid`, `checkAvailability`, `validateAddress`)
  "is",
  "has",
  "exists",
  "check",
  "validate",
]);

const WRITE_VERBS = new Set(
  (
    "create update delete remove add put set patch post send start stop run execute cancel enable " +
    "disable upload import register deregister associate disassociate attach detach tag untag " +
    "modify reset revoke grant approve reject submit invoke trigger restore apply assign unassign " +
    "move copy merge close lock unlock accept decline publish subscribe unsubscribe generate " +
    "rotate replace rename write insert upsert purge terminate reboot provision deploy"
  ).split(" "),
);

/** The word and its singular-verb forms: `retrieves` → `retrieve`, `searches` → `search`. */
function forms(word: string): string[] {
  const out = [word];
  if (word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("es")) out.push(word.slice(0, -2));
  if (word.endsWith("s") && !word.endsWith("ss")) out.push(word.slice(0, -1));
  return out;
}

const isIn = (set: Set<string>, word: string | undefined) =>
  word !== undefined && forms(word).some((f) => set.has(f));

/**
 * The verbs an operation is named with: Google's `:verb` custom method, the first word of the
 * operation id and of its last dotted part (`monitoring.projects.timeSeries.query`), of the last
 * path segment (`/isRoutingValid`, `/list-group-resources`), and of the summary.
 */
function verbs(op: OperationRef): { leading: (string | undefined)[]; all: string[] } {
  const last = op.path.split("/").filter(Boolean).pop() ?? "";
  const custom = last.includes(":") ? words(last.slice(last.lastIndexOf(":") + 1)) : [];
  // a synthesised id starts with the method (`post-…`): only an id the spec declares counts
  const declared = op.declaredId ?? "";
  const id = words(declared);
  const tail = words(declared.split(/[./]/).pop() ?? "");
  const segment = last.includes("{") ? [] : words(last.split(":")[0] ?? "");
  const summary = words(op.summary ?? "");
  const batchGet = custom.join("") === "batchget" || tail.join("") === "batchget";
  return {
    leading: [batchGet ? "batchget" : custom[0], tail[0], id[0], segment[0], summary[0]],
    all: [...custom, ...id, ...segment, ...(summary[0] ? [summary[0]] : [])],
  };
}

/** Why a POST only reads, or undefined when it may change something (or is not a POST). */
export function readOnlyReason(op: OperationRef): string | undefined {
  if (op.method !== "post") return undefined;
  const { leading, all } = verbs(op);
  if (all.some((w) => isIn(WRITE_VERBS, w))) return undefined;
  const verb = leading.find((w) => isIn(READ_VERBS, w));
  return verb ? `it reads (${verb}) through POST` : undefined;
}
