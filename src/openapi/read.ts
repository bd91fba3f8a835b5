import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { CapkitError } from "../errors.js";
import type { LoadContext } from "./context.js";
import { displayUrl, fetchBytes, tooLarge } from "./fetch.js";
import { jsonTextOf } from "./json-text.js";

export interface RawSource {
  /** What messages and the manifest show: a path as given, or a URL without its query string. */
  display: string;
  /** Absolute path or final URL: the base relative `$ref`s resolve against. */
  location: string;
  isUrl: boolean;
  /** The exact text, decoded on first use (a JSON document is parsed from `jsonText`). */
  readonly text: string;
  /** A document that starts with `{` or `[`, as a one-byte string (see json-text.ts); else undefined. */
  readonly jsonText: string | undefined;
  /** Size in bytes. */
  size: number;
  contentType: string | undefined;
  hash: string;
}

type RawFields = Omit<RawSource, "text" | "jsonText" | "size" | "hash">;

/** Bytes → a source whose texts are decoded lazily: most runs need only the JSON one. */
function rawSource(fields: RawFields, bytes: Buffer): RawSource {
  const body = hasBom(bytes) ? bytes.subarray(3) : bytes;
  let text: string | undefined;
  let json: { value: string | undefined } | undefined;
  return {
    ...fields,
    size: bytes.length,
    hash: sha256(bytes),
    get text() {
      text ??= body.toString("utf8");
      return text;
    },
    get jsonText() {
      json ??= { value: looksLikeJson(body) ? jsonTextOf(body) : undefined };
      return json.value;
    },
  };
}

function hasBom(bytes: Buffer): boolean {
  // a UTF-8 byte-order mark would break JSON.parse
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The first non-blank byte is `{` or `[`. */
function looksLikeJson(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b || byte === 0x5b;
  }
  return false;
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Reads the root document from a URL or a path, within the size cap. */
export async function readSource(source: string, ctx: LoadContext): Promise<RawSource> {
  if (isUrl(source)) {
    if (/^https?:\/\/[^/?#]*@/i.test(source)) {
      // fetch refuses user-info, and it would end up in logs and the manifest
      throw new CapkitError(
        "SPEC_CREDENTIALS_IN_URL",
        `The spec URL ${displayUrl(source)} carries a user name or password; pass them as a header instead, e.g. --spec-header "Authorization: Basic …" (or CAPKIT_SPEC_HEADER).`,
        { source: displayUrl(source), exitCode: 2 },
      );
    }
    ctx.onProgress({ phase: "download" });
    const fetched = await fetchBytes(source, ctx);
    return rawSource(
      {
        display: displayUrl(source),
        location: fetched.url,
        isUrl: true,
        contentType: fetched.contentType,
      },
      fetched.bytes,
    );
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    throw new CapkitError(
      "SPEC_UNSUPPORTED_SOURCE",
      `Cannot load ${displayUrl(source)}: only http(s) URLs and file paths are supported.`,
      { source: displayUrl(source), exitCode: 2 },
    );
  }
  const path = isAbsolute(source) ? source : resolve(ctx.cwd, source);
  const bytes = await readLocal(path, source, ctx);
  return rawSource(
    { display: source, location: path, isUrl: false, contentType: undefined },
    bytes,
  );
}

async function readLocal(path: string, shown: string, ctx: LoadContext): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new CapkitError(
        "SPEC_NOT_FOUND",
        `${shown} is a folder; pass the path of the root OpenAPI document inside it.`,
        { source: shown, exitCode: 2 },
      );
    }
    if (info.size > ctx.maxBytes) throw tooLarge(shown, ctx.maxBytes);
    ctx.onProgress({ phase: "read", bytes: 0, total: info.size });
    return await readFile(path);
  } catch (error) {
    if (error instanceof CapkitError) throw error;
    const code = (error as { code?: string }).code ?? "error";
    throw new CapkitError(
      "SPEC_NOT_FOUND",
      `Cannot read the spec ${shown} (${code}): check the path, or pass an http(s) URL.`,
      { source: shown, exitCode: 2, cause: error },
    );
  }
}

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
