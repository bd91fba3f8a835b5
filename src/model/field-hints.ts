import { isObject, type JsonObject, type Located } from "../openapi/pointer.js";
import { propertiesOf, schemaType } from "../openapi/schema.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import { identifierWords } from "./names.js";
import type { FieldHint, FieldHintEntry } from "./types.js";

const MAX_HINTS = 40;

type Rule = [FieldHint, (words: string[], schema: JsonObject) => boolean];

const has = (words: string[], ...keys: string[]): boolean => words.some((w) => keys.includes(w));
const last = (words: string[]): string => words[words.length - 1] ?? "";

/** First rule that matches wins; `cve_id` is a CVE before it is an id, `host_id` an id before a host. */
const RULES: Rule[] = [
  ["cve", (w) => has(w, "cve", "cves")],
  ["cvss", (w) => has(w, "cvss", "cvss2", "cvss3")],
  [
    "ip",
    (w, s) =>
      s.format === "ipv4" ||
      s.format === "ipv6" ||
      has(w, "ip", "ipv4", "ipv6", "ip4", "ip6", "ipaddress"),
  ],
  [
    "id",
    (w) => last(w) === "id" || last(w) === "uuid" || (w.length === 1 && has(w, "key", "guid")),
  ],
  ["port", (w) => has(w, "port", "ports")],
  ["fqdn", (w) => has(w, "fqdn")],
  ["dns", (w) => has(w, "dns", "domain", "domains", "subdomain")],
  ["hostname", (w, s) => s.format === "hostname" || has(w, "hostname", "host", "hostnames")],
  ["url", (w, s) => s.format === "uri" || s.format === "url" || has(w, "url", "uri", "href")],
  ["severity", (w) => has(w, "severity", "criticality", "priority")],
  ["status", (w) => has(w, "status", "state")],
  ["name", (w) => last(w) === "name" || has(w, "title")],
  ["description", (w) => has(w, "description", "summary", "details")],
];

export function hintFor(name: string, schema: JsonObject): FieldHint | undefined {
  // a flag such as `isDomainReseller` holds no domain
  if (schemaType(schema) === "boolean") return undefined;
  const words = identifierWords(name).map((w) => w.toLowerCase());
  return RULES.find(([, test]) => test(words, schema))?.[0];
}

/** Hints for one record's fields, nested objects two levels down (`address.ip`). */
export function fieldHints(
  doc: OpenAPIV3Document,
  item: Located<JsonObject> | undefined,
): FieldHintEntry[] {
  const out: FieldHintEntry[] = [];
  const walk = (schema: Located<JsonObject>, prefix: string, depth: number): void => {
    for (const [name, prop] of propertiesOf(doc, schema)) {
      if (out.length >= MAX_HINTS) return;
      const field = prefix ? `${prefix}.${name}` : name;
      const hint = hintFor(name, prop.node);
      if (hint) out.push({ field, hint });
      if (depth < 2 && schemaType(prop.node) === "object") walk(prop, field, depth + 1);
    }
  };
  if (item) walk(item, "", 1);
  return out;
}

/** When the schema names no fields (Meraki's `items: {type: object}`), read them off the example. */
export function hintsFromSample(sample: unknown): FieldHintEntry[] {
  const out: FieldHintEntry[] = [];
  const walk = (value: unknown, prefix: string, depth: number): void => {
    if (!isObject(value)) return;
    for (const [name, v] of Object.entries(value)) {
      if (out.length >= MAX_HINTS) return;
      const field = prefix ? `${prefix}.${name}` : name;
      const type = typeof v === "boolean" ? "boolean" : typeof v === "number" ? "number" : "string";
      const hint = hintFor(name, { type });
      if (hint) out.push({ field, hint });
      if (depth < 2) walk(v, field, depth + 1);
    }
  };
  walk(sample, "", 1);
  return out;
}
