import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { FileRole } from "./types.js";

/** Where file contents come from: the working tree, or the git index under `--staged`. */
export interface Store {
  kind: "fs" | "index";
  /** Names of the files directly inside `dir` (display path). */
  list(dir: string): string[];
  read(path: string): Buffer | undefined;
}

export interface ManifestFile {
  owner: "generated" | "hand";
  sha256: string;
}

export interface Manifest {
  service?: string;
  /** `receiver` for a webhook receiver (files `<service>_webhook*.ts`); absent for the pull kind. */
  kind?: string;
  files: Record<string, ManifestFile>;
}

export const MANIFEST = ".capkit.json";

/** Finds the main file of a folder by what its files contain (see main-file.ts). */
export type MainFinder = (folder: IntegrationFolder) => string | undefined;

/** Names only the generator's split gives: a folder holding one is meant to be an integration. */
const SPLIT_FILE = /_(client|types|transform)(_\d+)?\.ts$/;

/**
 * An integration folder `<integrationsDir>/<service>/`. File names use `_` where the service name has
 * `-` (folder `my-scanner/`, main file `my_scanner.ts`), so `service` here is that file stem. The
 * manifest's `service` wins over the folder's name: `capkit generate --out` may choose any folder.
 * When neither names a file that exists, the main file is found by its content (`findMain`): a
 * hand-written `integrations/scanner/acme.ts` is still an integration, with service `acme`.
 */
export class IntegrationFolder {
  private cachedService: string | undefined;
  private cachedFiles: string[] | undefined;
  private cachedManifest: { value: Manifest | undefined; error?: string } | undefined;

  constructor(
    readonly dir: string,
    readonly store: Store,
    private readonly findMain: MainFinder = () => undefined,
  ) {}

  get service(): string {
    if (this.cachedService === undefined) {
      const declared = this.manifest().value?.service;
      const byName = posix.basename(posix.resolve("/", this.dir)).replaceAll("-", "_");
      if (typeof declared === "string" && /^[a-z][a-z0-9-]*$/.test(declared))
        this.cachedService = declared.replaceAll("-", "_");
      else if (this.files.includes(`${byName}.ts`)) this.cachedService = byName;
      else this.cachedService = this.findMain(this)?.replace(/\.ts$/, "") ?? byName;
    }
    return this.cachedService;
  }

  /**
   * A folder meant to be an integration (a manifest, or a file named like the generator's split)
   * must have a main file: without one it is a finding, never a silent pass.
   */
  get looksLikeIntegration(): boolean {
    return (
      this.isIntegration ||
      this.files.includes(MANIFEST) ||
      this.files.some((name) => SPLIT_FILE.test(name))
    );
  }

  get files(): string[] {
    this.cachedFiles ??= this.store.list(this.dir);
    return this.cachedFiles;
  }

  path(name: string): string {
    return this.dir === "." || this.dir === "" ? name : `${this.dir}/${name}`;
  }

  /** The main file `<service>.ts`: its presence is what makes a folder an integration. */
  get isIntegration(): boolean {
    return this.files.includes(`${this.service}.ts`);
  }

  manifest(): { value: Manifest | undefined; error?: string } {
    if (this.cachedManifest) return this.cachedManifest;
    const bytes = this.files.includes(MANIFEST) ? this.store.read(this.path(MANIFEST)) : undefined;
    if (!bytes) {
      this.cachedManifest = { value: undefined };
      return this.cachedManifest;
    }
    try {
      const raw = JSON.parse(bytes.toString("utf8")) as Partial<Manifest>;
      this.cachedManifest = { value: { ...raw, files: raw.files ?? {} } };
    } catch (error) {
      this.cachedManifest = { value: undefined, error: (error as Error).message };
    }
    return this.cachedManifest;
  }

  roleOf(name: string): FileRole {
    return roleOf(name, this.service);
  }
}

export function roleOf(name: string, service: string): FileRole {
  if (name.endsWith(".test.ts")) return "test";
  if (name === `${service}.ts`) return "main";
  // split files are named for what they hold: `_client_code_scanning.ts`, `_types_schemas_2.ts`
  if (new RegExp(`^${escapeRegExp(service)}_client(_[a-z0-9_]+)?\\.ts$`).test(name))
    return "client";
  if (new RegExp(`^${escapeRegExp(service)}_types(_[a-z0-9_]+)?\\.ts$`).test(name)) return "types";
  if (name === `${service}_transform.ts`) return "transform";
  return "other";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
