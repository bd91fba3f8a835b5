import type { LintConfig } from "./config.js";
import { at, ENGINE_IDS } from "./diagnostic.js";
import type { IntegrationFolder } from "./folder.js";
import type { Diagnostic, Severity } from "./types.js";

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

export function isGenerated(text: string, folder: IntegrationFolder, name: string): boolean {
  const owner = folder.manifest().value?.files[name]?.owner;
  return owner === "generated" || text.slice(0, 500).includes("@generated");
}

/** Bytes → text, or the reason the file cannot be linted (never throws). */
export function decode(
  path: string,
  bytes: Buffer | undefined,
  config: LintConfig,
): string | Diagnostic {
  const skip = (message: string, severity: Severity = "warning") =>
    at(path, 1, 1, { ruleId: ENGINE_IDS.skipped, severity, message });
  if (!bytes) return skip("cannot read the file", "error");
  if (bytes.length > config.maxFileBytes) {
    return skip(
      `skipped: ${bytes.length} bytes is over the ${config.maxFileBytes}-byte cap (maxFileBytes)`,
    );
  }
  if (isBinary(bytes)) return skip("skipped: binary content (NUL bytes) in a .ts file");
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (text.trim() === "")
    return at(path, 1, 1, {
      ruleId: ENGINE_IDS.empty,
      severity: "warning",
      message: "file is empty",
    });
  return text;
}
