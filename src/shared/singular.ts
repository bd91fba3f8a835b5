/**
 * English singulars for record names (`DeviceStatuses` → `DeviceStatus`, `policies` → `policy`,
 * `people` → `person`), through `pluralize`: the most used inflection library on npm, with
 * irregular, `-es`, `-ies` and uncountable rules, rather than a suffix table of our own. Only the
 * last word of a name is inflected, so the casing of the rest is kept as the spec writes it.
 */
import pluralize from "pluralize";

// API words pluralize gets wrong for our purpose: `data` is a mass noun in JSON, not `datum`s
for (const word of ["data", "metadata", "media", "analytics", "settings", "details", "status"])
  pluralize.addUncountableRule(word);
pluralize.addSingularRule(/caches$/i, "cache");

/** The singular of one lower- or mixed-case word. */
export function singularWord(word: string): string {
  return pluralize.singular(word);
}

/** `DeviceStatuses` → `DeviceStatus`, `device-statuses` → `device-status`: the last word only. */
export function singularName(name: string): string {
  // the last word: a capital and lower-case letters, or an acronym (`Statuses`, `IPs`)
  const last = /[A-Z]?[a-z]+$|[A-Z]+s?$/.exec(name)?.[0];
  if (!last) return name;
  const head = name.slice(0, name.length - last.length);
  // acronyms keep their capitals: `CVEs` → `CVE`
  if (/^[A-Z]{2,}s$/.test(last)) return head + last.slice(0, -1);
  const single = singularWord(last.toLowerCase());
  const upper = last.charAt(0) === last.charAt(0).toUpperCase();
  return head + (upper ? single.charAt(0).toUpperCase() + single.slice(1) : single);
}
