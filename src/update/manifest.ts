/**
 * `.capkit.json` read back for `capkit update`: present, parseable, of the shape capkit writes,
 * and not from a newer capkit (whose templates and options this one would silently drop).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { CapkitError } from "../errors.js";
import { VERSION } from "../version.js";

const FILE_NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;

const ManifestSchema = z.looseObject({
  capkit: z.string(),
  service: z.string().regex(/^[a-z][a-z0-9-]*$/),
  spec: z.looseObject({
    source: z.string().min(1),
    sha256: z.string(),
    title: z.string(),
    version: z.string(),
  }),
  operations: z.array(z.string()).min(1),
  /** Absent in manifests written before `capkit update` existed. */
  names: z
    .record(
      z.string(),
      z.looseObject({ method: z.string(), record: z.string(), transform: z.string() }),
    )
    .optional(),
  options: z.looseObject({
    auth: z.enum(["bearer", "apiKey", "basic", "oauth2ClientCredentials", "none"]),
    baseUrl: z.string(),
    validation: z.string(),
    pagination: z.record(z.string(), z.string()),
    recordKinds: z.record(z.string(), z.enum(["asset", "risk", "attribute", "none"])),
  }),
  files: z.record(
    z.string().regex(FILE_NAME),
    z.looseObject({ owner: z.enum(["generated", "hand"]), sha256: z.string() }),
  ),
});

export type Manifest = z.infer<typeof ManifestSchema>;

export const MANIFEST_FILE = ".capkit.json";

export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) {
    throw new CapkitError(
      "NO_MANIFEST",
      `${dir} holds no ${MANIFEST_FILE}, so capkit does not know what it generated there or from which spec. Point \`capkit update\` at an integration folder capkit generated, or generate one with \`capkit generate --out ${dir} --force\` (hand-owned files you changed are kept).`,
      { source: path, exitCode: 2 },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CapkitError(
      "MANIFEST_INVALID",
      `${path} is not valid JSON (${(error as Error).message}). Restore it from git; nothing was written.`,
      { source: path, cause: error },
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = `#/${(issue?.path ?? []).map(String).join("/")}`;
    throw new CapkitError(
      "MANIFEST_INVALID",
      `${path} is not a capkit manifest: ${issue?.message ?? "unexpected shape"} at ${where}. Restore it from git; nothing was written.`,
      { source: path, where },
    );
  }
  const manifest = parsed.data;
  if (compareVersions(manifest.capkit, VERSION) > 0) {
    throw new CapkitError(
      "MANIFEST_NEWER",
      `${path} was written by capkit ${manifest.capkit}, newer than this capkit (${VERSION}): its templates and options may not be understood here. Run the newer one (\`npx capkit@${manifest.capkit} update\`) or upgrade capkit; nothing was written.`,
      { source: path, where: "#/capkit" },
    );
  }
  return manifest;
}

/** Numeric `major.minor.patch` order; a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = "", pre] = v.split("-", 2);
    return { nums: core.split(".").map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
