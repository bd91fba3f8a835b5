/**
 * What a package must get right before anyone installs it: publint's findings, the type resolution
 * @arethetypeswrong/cli sees from each module system, `main` against `exports`, and README links
 * that lead somewhere inside the tarball. All offline, on the packed tarball.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { execa } from "execa";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import type { Packed } from "./packed.js";
import { repoRoot } from "./packed.js";

/** publint's messages, formatted as its CLI prints them. */
export async function publintMessages(pkg: Packed): Promise<string[]> {
  const tarball = readFileSync(pkg.tarball);
  const { messages } = await publint({
    pack: {
      tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.length),
    },
    level: "suggestion",
  });
  const json = JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8"));
  return messages.map((m) => `${m.type}: ${formatMessage(m, json) ?? m.code}`);
}

export interface AttwProblem {
  kind: string;
  entrypoint: string;
  resolutionKind: string;
}

/** @arethetypeswrong/cli's problems for the tarball, every resolution mode. */
export async function attwProblems(pkg: Packed): Promise<AttwProblem[]> {
  const bin = join(repoRoot, "node_modules/@arethetypeswrong/cli/dist/index.js");
  const run = await execa(process.execPath, [bin, pkg.tarball, "--format", "json"], {
    reject: false,
    env: { NODE_OPTIONS: "" },
  });
  const report = JSON.parse(run.stdout) as { analysis: { problems?: AttwProblem[] } };
  return (report.analysis.problems ?? []).map(({ kind, entrypoint, resolutionKind }) => ({
    kind,
    entrypoint,
    resolutionKind,
  }));
}

/** `main`/`types` and `exports["."]` must name the same files: old and new resolvers agree. */
export function entryMismatch(pkg: Packed): string | undefined {
  const json = JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8")) as {
    main?: string;
    types?: string;
    exports?: Record<string, { types?: string; default?: string } | string>;
  };
  const root = json.exports?.["."];
  const clean = (p?: string) => (p ? normalize(p) : p);
  const entry = typeof root === "string" ? { default: root } : (root ?? {});
  if (clean(json.main) !== clean(entry.default))
    return `main ${json.main} but exports["."] ${entry.default}`;
  if (json.types && clean(json.types) !== clean(entry.types))
    return `types ${json.types} but exports["."].types ${entry.types}`;
  return undefined;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_~]/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

const headings = (markdown: string) =>
  new Set([...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1] ?? "")));

/** Relative links (and their #anchors) in every Markdown file of the tarball that lead nowhere. */
export function brokenLinks(pkg: Packed): string[] {
  const broken: string[] = [];
  for (const file of pkg.files.filter((f) => f.endsWith(".md"))) {
    const text = readFileSync(join(pkg.dir, file), "utf8").replace(/```[\s\S]*?```/g, "");
    for (const match of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1] ?? "";
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
      const [path = "", anchor] = target.split("#");
      const resolved = path ? normalize(join(dirname(file), decodeURIComponent(path))) : file;
      const onDisk = join(pkg.dir, resolved);
      if (resolved.startsWith("..") || !existsSync(onDisk)) {
        broken.push(`${file}: ${target} (no ${resolved} in the tarball)`);
        continue;
      }
      if (anchor && resolved.endsWith(".md") && !headings(readFileSync(onDisk, "utf8")).has(anchor))
        broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
    }
  }
  return broken;
}
