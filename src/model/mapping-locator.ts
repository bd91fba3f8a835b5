/**
 * Which asset a record is, or names: a host (hostname and IP), a repository, or a URL. Risks hang
 * off that asset, so the filter can drop one on a private host and two hosts never share a key.
 */
import {
  choice,
  hintOf,
  isText,
  leafOf,
  parentOf,
  requiredFirst,
  sampleValue,
  wordsOf,
} from "./mapping-fields.js";
import type { LocatorModel, RecordField, RecordKind } from "./types.js";

/** Nested objects that name what a finding is about (`host.ip`, `repository.full_name`). */
const AFFECTED = new Set(
  "host asset device server machine endpoint target resource repository repo project instance node computer site domain application app container image affected".split(
    " ",
  ),
);
/** Fields about someone else: the client that signed in, the source of an attack, an author. */
const OTHER_PARTY = new Set(
  "client source src remote actor user users requester initiator origin attacker author creator owner assignee reporter session location geo proxy by".split(
    " ",
  ),
);
const REPOSITORY = new Set(["repository", "repo", "repositories", "repos", "project", "projects"]);

/** May this field name the asset a risk or attribute is about? */
function aboutTheAsset(field: RecordField): boolean {
  if (field.path.flatMap(wordsOf).some((w) => OTHER_PARTY.has(w))) return false;
  return field.path.slice(0, -1).every((segment) => wordsOf(segment).some((w) => AFFECTED.has(w)));
}

const API_HOST = /^api[.-]|\.api\./i;

/** A URI template (`…{/ref}`) or an API endpoint (`https://api.github.com/repos/…`) is no asset. */
function usableUrl(field: RecordField, sample: unknown): boolean {
  const value = sampleValue(sample, field);
  if (typeof value !== "string") return true;
  if (/[{}]|%7B/i.test(value)) return false;
  try {
    const url = new URL(value);
    return !API_HOST.test(url.hostname) && !/(^|\/)api(\/|$)/i.test(url.pathname);
  } catch {
    return true;
  }
}

function hostLocator(fields: RecordField[]): LocatorModel | undefined {
  const byParent = new Map<string, { ip: RecordField[]; host: RecordField[] }>();
  for (const field of fields) {
    if (!isText(field)) continue;
    const hint = hintOf(field);
    const kind =
      hint === "ip" ? "ip" : hint === "hostname" || hint === "fqdn" || hint === "dns" ? "host" : "";
    if (!kind) continue;
    const group = byParent.get(parentOf(field)) ?? { ip: [], host: [] };
    group[kind === "ip" ? "ip" : "host"].push(field);
    byParent.set(parentOf(field), group);
  }
  // the record's own fields first, then the first nested object that has any
  const group = byParent.get("") ?? [...byParent.values()][0];
  if (!group) return undefined;
  const ip = requiredFirst(group.ip);
  const host = requiredFirst(group.host);
  return {
    kind: "host",
    dns: choice([...host.slice(0, 1), ...ip.slice(0, 1)], [...host.slice(1), ...ip.slice(1)]),
    name: choice([...ip.slice(0, 1), ...host.slice(0, 1)]),
  };
}

const WEB_URL = ["html_url", "web_url"];
const FULL_NAME = ["full_name", "path_with_namespace", "name_with_namespace", "slug", "name"];

function repositoryLocator(
  fields: RecordField[],
  sample: unknown,
  isRepository: boolean,
): LocatorModel | undefined {
  const parents = isRepository ? [""] : [];
  for (const field of fields)
    if (field.path.length === 2 && REPOSITORY.has(field.path[0]?.toLowerCase() ?? ""))
      parents.push(field.path[0] ?? "");
  for (const parent of parents) {
    const own = fields.filter((f) => parentOf(f) === parent && isText(f));
    const pick = (names: string[]) =>
      names.flatMap((name) => own.filter((f) => leafOf(f) === name));
    const web = pick(WEB_URL).filter((f) => usableUrl(f, sample));
    const full = pick(FULL_NAME);
    if (web.length === 0 && full.length === 0) continue;
    return {
      kind: "repository",
      dns: choice([...web.slice(0, 1), ...full.slice(0, 1)]),
      name: choice([...full.slice(0, 1), ...web.slice(0, 1)]),
    };
  }
  return undefined;
}

const RISK_URL = new Set(
  "url uri href target target_url affected_url endpoint endpoint_url request_url website homepage".split(
    " ",
  ),
);

function urlLocator(
  fields: RecordField[],
  sample: unknown,
  isAsset: boolean,
): LocatorModel | undefined {
  const names = isAsset ? new Set([...RISK_URL, ...WEB_URL]) : RISK_URL;
  const found = fields.filter((f) => {
    if (!isText(f) || !names.has(leafOf(f).toLowerCase())) return false;
    // beside an `html_url`, a bare `url` is the API's link to the record itself (GitHub, Gitea)
    const siblings = fields.filter((s) => parentOf(s) === parentOf(f)).map(leafOf);
    if (leafOf(f) === "url" && siblings.includes("html_url")) return false;
    return usableUrl(f, sample);
  });
  const urls = requiredFirst(found);
  if (urls.length === 0) return undefined;
  return { kind: "url", dns: choice(urls.slice(0, 1)), name: choice(urls.slice(0, 1)) };
}

/** The asset a record is (assets) or names (risks, attributes), if its fields say. */
export function locate(
  kind: RecordKind,
  fields: RecordField[],
  sample: unknown,
  subject: string[],
): LocatorModel | undefined {
  const isAsset = kind === "asset";
  const usable = isAsset ? fields.filter((f) => f.path.length === 1) : fields.filter(aboutTheAsset);
  const isRepository = isAsset && subject.some((w) => REPOSITORY.has(w));
  if (isRepository) return repositoryLocator(usable, sample, true) ?? hostLocator(usable);
  return (
    hostLocator(usable) ??
    repositoryLocator(usable, sample, false) ??
    urlLocator(usable, sample, isAsset)
  );
}
