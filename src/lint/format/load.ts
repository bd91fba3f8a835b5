import type { FormatInput } from "./summary.js";

export const FORMAT_NAMES = ["pretty", "json", "sarif", "github"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
type Formatter = (input: FormatInput) => string;

// Only the requested formatter is loaded: the commit-hook path pays for `pretty` alone.
const LOADERS: Record<FormatName, () => Promise<Formatter>> = {
  pretty: async () => (await import("./pretty.js")).formatPretty,
  json: async () => (await import("./json.js")).formatJson,
  sarif: async () => (await import("./sarif.js")).formatSarif,
  github: async () => (await import("./github.js")).formatGithub,
};

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return LOADERS[name]();
}
