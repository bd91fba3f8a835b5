import { readFile, stat } from "node:fs/promises";
import {
  BaseResolver,
  bundle,
  type Config,
  createConfig,
  isAbsoluteUrl,
  ResolveError,
  Source,
} from "@redocly/openapi-core";
import { CapkitError } from "../errors.js";
import type { LoadContext } from "./context.js";
import { displayUrl, fetchBytes, tooLarge } from "./fetch.js";
import { getAt, isObject, type JsonObject } from "./pointer.js";
import type { RawSource } from "./read.js";
import { unresolved } from "./refs.js";

let configPromise: Promise<Config> | undefined;

/** An empty redocly config: bundling needs one, and no `redocly.yaml` of the user's may apply. */
export function redoclyConfig(): Promise<Config> {
  configPromise ??= createConfig({
    extends: [],
    rules: { struct: "error", "no-unresolved-refs": "error" },
  } as never);
  return configPromise;
}

/**
 * Loads referenced files through the same fetch as the root (header, timeout, cap) and refuses
 * other hosts unless remote refs are allowed: a spec is untrusted and must not make us call out.
 */
class GuardedResolver extends BaseResolver {
  readonly blocked: string[] = [];
  constructor(
    private readonly root: RawSource,
    private readonly ctx: LoadContext,
  ) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    if (isAbsoluteUrl(absoluteRef)) {
      const sameOrigin =
        this.root.isUrl && new URL(absoluteRef).origin === new URL(this.root.location).origin;
      if (!sameOrigin && !this.ctx.allowRemoteRefs) {
        this.blocked.push(absoluteRef);
        throw new ResolveError(new Error("remote $ref not allowed"));
      }
      try {
        const fetched = await fetchBytes(absoluteRef, this.ctx);
        return new Source(absoluteRef, fetched.bytes.toString("utf8"), fetched.contentType);
      } catch (error) {
        throw new ResolveError(error instanceof Error ? error : new Error(String(error)));
      }
    }
    if (this.root.isUrl) {
      this.blocked.push(absoluteRef);
      throw new ResolveError(new Error("a spec loaded from a URL may not read local files"));
    }
    try {
      if ((await stat(absoluteRef)).size > this.ctx.maxBytes)
        throw tooLarge(absoluteRef, this.ctx.maxBytes);
      return new Source(absoluteRef, (await readFile(absoluteRef, "utf8")).replace(/\r\n/g, "\n"));
    } catch (error) {
      throw new ResolveError(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** Multi-file documents: redocly bundles every external `$ref` into `components`. */
export async function bundleExternal(
  root: RawSource,
  parsed: JsonObject,
  ctx: LoadContext,
): Promise<JsonObject> {
  ctx.onProgress({ phase: "bundle" });
  const resolver = new GuardedResolver(root, ctx);
  const result = await bundle({
    doc: { source: new Source(root.location, root.text), parsed },
    config: await redoclyConfig(),
    externalRefResolver: resolver,
  });
  const broken = result.problems.find((p) => p.message.startsWith("Failed to parse"));
  if (broken) {
    // a referenced file that is not valid YAML/JSON: name that file and its line:col
    const loc = broken.location[0];
    const file = loc ? shown(loc.source.absoluteRef, root) : root.display;
    const start = loc && "start" in loc ? loc.start : undefined;
    const where = start ? `${start.line}:${start.col}` : "1:1";
    const reason = broken.message
      .replace(/^Failed to parse:\s*/, "")
      .replace(/\s*\(\d+:\d+\)$/, "")
      .replace(/ in "[^"]*"/, "");
    throw new CapkitError(
      "SPEC_INVALID_YAML",
      `${file} (referenced from ${root.display}) is not valid YAML at line ${where.replace(":", ", column ")}: ${reason}.`,
      {
        source: file,
        where,
      },
    );
  }
  // the bundler and the no-unresolved-refs rule both report a dangling ref; either will do
  const problem = result.problems.find((p) => p.message.startsWith("Can't resolve"));
  if (problem) {
    const loc = problem.location[0];
    const file = loc ? shown(loc.source.absoluteRef, root) : root.display;
    const pointer = loc?.pointer ?? "#";
    if (resolver.blocked.length > 0) {
      const target = resolver.blocked[0] ?? "";
      throw new CapkitError(
        "SPEC_REMOTE_REF",
        `${file}: the $ref at ${pointer} points to ${displayUrl(target)}, outside the document. Remote references are off because a spec is untrusted; pass --allow-remote-refs if you trust this one.`,
        { source: file, where: pointer },
      );
    }
    const node = loc?.source.absoluteRef === root.location ? getAt(parsed, pointer) : undefined;
    const ref = isObject(node) && typeof node.$ref === "string" ? node.$ref : "(reference)";
    throw unresolved(file, ref, pointer, problem.message.replace(/^Can't resolve \$ref:?\s*/, ""));
  }
  return result.bundle.parsed as JsonObject;
}

function shown(absoluteRef: string, root: RawSource): string {
  return absoluteRef === root.location
    ? root.display
    : isAbsoluteUrl(absoluteRef)
      ? displayUrl(absoluteRef)
      : absoluteRef;
}
