import type { RecordKind } from "../model/types.js";

/**
 * Which platform record an operation's items look like (design §4). Risk words are checked before
 * asset words: "vulnerable hosts" are findings about hosts, not hosts.
 */
const KINDS: [RecordKind, string[]][] = [
  [
    "risk",
    [
      "vuln",
      "vulnerability",
      "finding",
      "cve",
      "alert",
      "advisory",
      "advisories",
      "issue",
      "incident",
      "risk",
      "threat",
      "exposure",
      "weakness",
      "detection",
      "violation",
      "misconfiguration",
    ],
  ],
  [
    "asset",
    [
      "host",
      "device",
      "asset",
      "ip",
      "domain",
      "repo",
      "repository",
      "server",
      "network",
      "endpoint",
      "instance",
      "droplet",
      "machine",
      "computer",
      "container",
      "cluster",
      "bucket",
      "subnet",
      "vpc",
      "website",
    ],
  ],
  [
    "attribute",
    [
      "port",
      "service",
      "certificate",
      "cert",
      "technology",
      "technologies",
      "software",
      "package",
      "dependency",
      "dependencies",
      "banner",
      "record",
    ],
  ],
];

/** Lower-case words of arbitrary text: `listHostsByIP` → `list hosts by ip`. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function matches(word: string, key: string): boolean {
  if (word === key || word === `${key}s` || word === `${key}es`) return true;
  // long stems only, so `ip` does not match `ipsec` but `vuln` matches `vulnerabilities`
  return key.length >= 4 && word.startsWith(key);
}

function kindOf(text: string): RecordKind {
  const list = words(text);
  for (const [kind, keys] of KINDS) {
    if (list.some((w) => keys.some((k) => matches(w, k)))) return kind;
  }
  return "none";
}

/** Path words that name no resource, so the segment before them (or the operation id) must. */
const GENERIC = new Set([
  "all",
  "list",
  "search",
  "latest",
  "recent",
  "export",
  "query",
  "find",
  "v1",
  "v2",
  "v3",
  "api",
]);

/**
 * The resource word decides first, then the record schema's name. Parent path segments, the tag
 * and the id are not asked (`/networks/{id}/camera/schedules` are not networks) unless the last
 * segment is generic (`/security/advisories/cvrf/all`).
 */
export function recordKind(
  path: string,
  schemaName: string | undefined,
  tag: string,
  operationId: string,
): RecordKind {
  const segments = path.split("/").filter((s) => s !== "" && !s.includes("{"));
  const resource = segments[segments.length - 1] ?? "";
  const texts = [resource, schemaName ?? ""];
  if (resource === "" || GENERIC.has(resource.toLowerCase()))
    texts.push(...segments.reverse(), tag, operationId);
  for (const text of texts) {
    const kind = kindOf(text);
    if (kind !== "none") return kind;
  }
  return "none";
}
