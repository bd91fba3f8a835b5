import { createRequire } from "node:module";
import { CapkitError } from "../errors.js";
import { isObject, type JsonObject } from "./pointer.js";

/**
 * Text → object. JSON goes through `JSON.parse` (the large documents are JSON, and it is an order of
 * magnitude faster than a YAML parser); everything else through `yaml`, which reports line:col.
 */
export function parseText(text: string, source: string, contentType?: string): JsonObject {
  const head = text.trimStart().slice(0, 200).toLowerCase();
  // the body decides, not the content type: raw-file hosts label JSON and YAML every which way
  if (head.startsWith("<")) {
    const html =
      head.startsWith("<!doctype html") || head.includes("<html") || contentType?.includes("html");
    const what = html ? "an HTML page" : "markup";
    throw new CapkitError(
      "SPEC_NOT_A_SPEC",
      `${source} is ${what}, not an OpenAPI document (line 1). If it is a documentation page, look for the raw JSON or YAML link on it.`,
      { source, where: "1:1" },
    );
  }
  const value =
    head.startsWith("{") || head.startsWith("[") ? parseJson(text, source) : parseYml(text, source);
  if (!isObject(value)) {
    throw new CapkitError(
      "SPEC_NOT_A_SPEC",
      `${source} does not hold an OpenAPI document: expected an object at the top level (#), found ${Array.isArray(value) ? "an array" : typeof value}.`,
      { source, where: "#" },
    );
  }
  return value;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : text.length;
    const { line, col } = lineCol(text, offset);
    throw new CapkitError(
      "SPEC_INVALID_JSON",
      `${source} is not valid JSON at line ${line}, column ${col}: ${message.replace(/\s*\(line.*$/, "")}.`,
      { source, where: `${line}:${col}`, cause: error },
    );
  }
}

// `yaml` (70 modules) is loaded only for YAML documents: the large documents are JSON
const require = createRequire(import.meta.url);

function parseYml(text: string, source: string): unknown {
  const { parse: parseYaml, YAMLParseError } = require("yaml") as typeof import("yaml");
  try {
    // aliases are capped so a "billion laughs" document cannot blow up memory
    return parseYaml(text, { maxAliasCount: 1000, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const pos = lineCol(text, error.pos[0]);
    const where = `${pos.line}:${pos.col}`;
    const first = error.message.split("\n")[0] ?? error.message;
    throw new CapkitError(
      "SPEC_INVALID_YAML",
      `${source} is not valid YAML at line ${where.replace(":", ", column ")}: ${first.replace(/ at line \d+, column \d+:?$/, "")}.`,
      { source, where, cause: error },
    );
  }
}

export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}
