/**
 * The order in which the default selection takes list sources. A security platform wants findings
 * first: alerts, vulnerabilities and advisories (GitHub's code-scanning, Dependabot and
 * secret-scanning alerts) before generic lists. Then what is callable with the fewest ids, in the
 * document's most common scope (GitHub's `org` rather than `enterprise`), paged before unpaged (a
 * fixed catalogue of sizes or regions is rarely what an integration pulls). One operation per
 * resource: the same alerts listed per enterprise, organisation and repository count once.
 */
import { words } from "./record-kind.js";
import { componentName } from "./schema.js";
import type { AnalysedOperation } from "./select.js";

const SECURITY =
  /^(alerts?|findings?|vuln|vulns|vulnerabilit(y|ies)|cves?|advisor(y|ies)|threats?|detections?|exposures?|weakness(es)?|misconfigurations?|violations?)$/;

const literalSegments = (path: string) =>
  path.split("/").filter((s) => s !== "" && !s.includes("{"));

/** The resource (last literal path segment) or the record's schema names a finding. */
function isSecurity(a: AnalysedOperation): boolean {
  const resource = words(literalSegments(a.op.path).pop() ?? "");
  const schema = words(componentName(a.records.item?.pointer ?? "") ?? "").slice(-1);
  return [...resource, ...schema].some((w) => SECURITY.test(w));
}

const pathParams = (a: AnalysedOperation) => (a.op.path.match(/\{/g) ?? []).length;

/** The first path parameter, e.g. `org` in `/orgs/{org}/alerts`: the scope the list is in. */
const scopeOf = (a: AnalysedOperation) => /\{([^}]*)\}/.exec(a.op.path)?.[1];

/** What a list is of, whatever its scope: the path after its first parameter. */
function resourceKey(a: AnalysedOperation): string {
  const at = a.op.path.indexOf("{");
  if (at === -1) return `${a.op.method} ${a.op.path}`;
  const tail = a.op.path.slice(a.op.path.indexOf("}", at) + 1);
  return `${a.op.method} ${literalSegments(tail).join("/")}`;
}

export function rankSources(
  all: AnalysedOperation[],
  keep: (a: AnalysedOperation) => boolean,
  size: number,
): AnalysedOperation[] {
  const scopes = new Map<string, number>();
  for (const a of all) {
    const scope = scopeOf(a);
    if (scope !== undefined) scopes.set(scope, (scopes.get(scope) ?? 0) + 1);
  }
  const scopeUse = (a: AnalysedOperation) => scopes.get(scopeOf(a) ?? "") ?? 0;
  const ranked = all
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => keep(a))
    .sort(
      (x, y) =>
        Number(isSecurity(y.a)) - Number(isSecurity(x.a)) ||
        pathParams(x.a) - pathParams(y.a) ||
        scopeUse(y.a) - scopeUse(x.a) ||
        Number(x.a.records.paged === false) - Number(y.a.records.paged === false) ||
        x.i - y.i,
    );
  const seen = new Set<string>();
  const chosen: { a: AnalysedOperation; i: number }[] = [];
  for (const entry of ranked) {
    const key = resourceKey(entry.a);
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(entry);
    if (chosen.length === size) break;
  }
  return chosen.sort((x, y) => x.i - y.i).map(({ a }) => a);
}
