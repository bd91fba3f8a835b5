import { CapkitError } from "../errors.js";
import type { LoadContext } from "./context.js";

export interface Fetched {
  bytes: Buffer;
  contentType: string | undefined;
  /** Final URL after redirects. */
  url: string;
}

const MAX_REDIRECTS = 5;

/** The URL as it may be shown and stored: no user-info, query string or fragment (they carry secrets). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url.replace(/[?#].*$/, "");
  }
}

/**
 * GET with a timeout, a size cap and manual redirects: the private-spec header goes only to the
 * origin it was meant for, never to the host a redirect points at.
 */
export async function fetchBytes(url: string, ctx: LoadContext): Promise<Fetched> {
  const origin = new URL(url).origin;
  const signal = AbortSignal.timeout(ctx.timeoutMs);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = { accept: "application/json, application/yaml, */*" };
    if (ctx.header && new URL(current).origin === origin)
      headers[ctx.header.name] = ctx.header.value;
    const response = await request(current, headers, signal, ctx);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).href;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new CapkitError(
        "SPEC_HTTP_STATUS",
        `Could not download the spec from ${displayUrl(current)}: the server answered ${response.status} ${response.statusText}. Check the URL, and pass --spec-header "Name: value" if the spec is private.`,
        { source: displayUrl(current), where: `HTTP ${response.status}` },
      );
    }
    const bytes = await readCapped(response, current, ctx, signal);
    return { bytes, contentType: response.headers.get("content-type") ?? undefined, url: current };
  }
  throw new CapkitError(
    "SPEC_TOO_MANY_REDIRECTS",
    `Could not download the spec from ${displayUrl(url)}: more than ${MAX_REDIRECTS} redirects.`,
    { source: displayUrl(url) },
  );
}

async function request(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  ctx: LoadContext,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { headers, redirect: "manual", signal });
    } catch (error) {
      // A kept-alive connection the server closed just as it was reused fails at once: a GET is
      // safe to send again, once.
      if (attempt === 0 && !signal.aborted && connectionDropped(error)) continue;
      throw networkError(error, url, ctx);
    }
  }
}

const DROPPED = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

function connectionDropped(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return DROPPED.has(cause?.code ?? "");
}

function networkError(error: unknown, url: string, ctx: LoadContext): CapkitError {
  const source = displayUrl(url);
  if (
    error instanceof DOMException &&
    (error.name === "TimeoutError" || error.name === "AbortError")
  ) {
    return new CapkitError(
      "SPEC_TIMEOUT",
      `Could not download the spec from ${source}: no complete answer within ${ctx.timeoutMs / 1000} s. Check the network, raise the limit with --timeout <seconds> (or CAPKIT_SPEC_TIMEOUT), or download the file and pass its path.`,
      { source, cause: error },
    );
  }
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  const reason = cause?.code ?? (error instanceof Error ? error.message : String(error));
  return new CapkitError(
    "SPEC_UNREACHABLE",
    `Could not reach ${source} (${reason}). Check the host name and the network, or download the file and pass its path.`,
    { source, cause: error },
  );
}

async function readCapped(
  response: Response,
  url: string,
  ctx: LoadContext,
  signal: AbortSignal,
): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const total = Number.isFinite(declared) ? declared : undefined;
  if (total !== undefined && total > ctx.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, ctx.maxBytes);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of response.body ?? []) {
      bytes += chunk.byteLength;
      // a server may lie about (or omit) its length: count what actually arrives
      // (leaving the loop by throwing cancels the stream)
      if (bytes > ctx.maxBytes) throw tooLarge(url, ctx.maxBytes);
      chunks.push(Buffer.from(chunk));
      ctx.onProgress(
        total === undefined ? { phase: "download", bytes } : { phase: "download", bytes, total },
      );
    }
  } catch (error) {
    if (error instanceof CapkitError) throw error;
    throw networkError(signal.aborted ? signal.reason : error, url, ctx);
  }
  return Buffer.concat(chunks);
}

export function tooLarge(source: string, maxBytes: number): CapkitError {
  return new CapkitError(
    "SPEC_TOO_LARGE",
    `The spec at ${displayUrl(source)} is larger than the ${maxBytes}-byte cap. If the document is trusted, raise the cap with --max-spec-bytes <bytes> (or CAPKIT_MAX_SPEC_BYTES).`,
    { source: displayUrl(source) },
  );
}
