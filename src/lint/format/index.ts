import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatPretty } from "./pretty.js";
import { formatSarif } from "./sarif.js";

export type { FormatInput } from "./summary.js";
export const FORMATS = {
  pretty: formatPretty,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
} as const;
export type { FormatName } from "./load.js";
