import { readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, relative } from "node:path";
import {
  BaseResolver,
  bundle,
  type Config,
  createConfig,
  isAbsoluteUrl,
  type RawUniversalConfig,
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
  const config: RawUniversalConfig = {
    extends: [],
    rules: { struct: "error", "no-unresolved-refs": "error" },
  };
  configPromise ??= createConfig(config);
  return configPromise;
}

/**
 * Loads referenced files through the same fetch as the root (header, timeout, cap) and refuses
 * other hosts unless remote refs are allowed: a spec is untrusted and must not make us call out.
 */
class GuardedResolver extends BaseResolver {
  readonly blocked: { target: string; why: "remote" | "local-from-url" | "outside" }[] = [];
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
        this.blocked.push({ target: absoluteRef, why: "remote" });
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
      this.blocked.push({ target: absoluteRef, why: "local-from-url" });
      throw new ResolveError(new Error("a spec loaded from a URL may not read local files"));
    }
    // a hostile `$ref: ../../../etc/passwd` must not pull local files into generated code
    const inside = [dirname(this.root.location), this.ctx.cwd].some((dir) => {
      const rel = relative(dir, absoluteRef);
      return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
    });
    if (!inside) {
      this.blocked.push({ target: absoluteRef, why: "outside" });
      throw new ResolveError(new Error("outside the spec's folder"));
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
    const blocked = resolver.blocked[0];
    if (blocked) throw refusedRef(blocked, file, pointer, root);
    const node = loc?.source.absoluteRef === root.location ? getAt(parsed, pointer) : undefined;
    const ref = isObject(node) && typeof node.$ref === "string" ? node.$ref : "(reference)";
    throw unresolved(file, ref, pointer, problem.message.replace(/^Can't resolve \$ref:?\s*/, ""));
  }
  return result.bundle.parsed as JsonObject;
}

function refusedRef(
  blocked: GuardedResolver["blocked"][number],
  file: string,
  pointer: string,
  root: RawSource,
): CapkitError {
  const options = { source: file, where: pointer };
  if (blocked.why === "remote") {
    return new CapkitError(
      "SPEC_REMOTE_REF",
      `${file}: the $ref at ${pointer} points to ${displayUrl(blocked.target)}, outside the document. Remote references are off because a spec is untrusted; pass --allow-remote-refs if you trust this one.`,
      options,
    );
  }
  const why =
    blocked.why === "local-from-url"
      ? "a spec loaded from a URL may not read local files"
      : `it is outside the spec's folder (${dirname(root.location)}) and the working directory`;
  return new CapkitError(
    "SPEC_REF_OUTSIDE",
    `${file}: the $ref at ${pointer} points to ${blocked.target}, which capkit will not read: ${why}. Copy the file next to the spec.`,
    options,
  );
}

function shown(absoluteRef: string, root: RawSource): string {
  return absoluteRef === root.location
    ? root.display
    : isAbsoluteUrl(absoluteRef)
      ? displayUrl(absoluteRef)
      : absoluteRef;
}
