import type { CapabilityInfo, Surface } from "./capability-info.js";
import { RuntimeError } from "./errors.js";
import { createFilter, type Filter } from "./filter.js";
import { createHttp, type Http, type HttpOptions } from "./http.js";
import type { Job } from "./job.js";
import { log as defaultLog, type Logger, withSecrets } from "./logger.js";
import { ACTIVE_STATUSES, type Asset, Integration } from "./models.js";

export interface CapabilityOptions {
  /** Default: `createFilter({ surface: info.surface })`. */
  filter?: Filter;
  /** Default: the runtime `log`, bound to the capability name. */
  log?: Logger;
  /** Merged into every `this.http(...)`; tests pass `{ retry: { sleep }, rateLimit: false }`. */
  http?: Partial<HttpOptions>;
}

/**
 * The base every integration extends (the platform's `base.BaseCapability`). Declare the
 * capability once, as a typed static:
 *
 * ```ts
 * class Acme extends BaseCapability {
 *   static override readonly info: CapabilityInfo = { name: "acme", title: "Acme", description: "…", surface: "external" };
 * }
 * ```
 * The `: CapabilityInfo` annotation is needed: TypeScript does not type a static initialiser from
 * the base class, so without it `surface` widens to `string`.
 */
export abstract class BaseCapability {
  static readonly info: CapabilityInfo;

  readonly job: Job;
  readonly target: Integration;
  readonly filter: Filter;
  readonly log: Logger;
  readonly #httpOverrides: Partial<HttpOptions>;

  constructor(job: Job, target: Integration, options: CapabilityOptions = {}) {
    this.job = job;
    this.target = target;
    const info = this.#info();
    this.filter = options.filter ?? createFilter({ surface: info.surface });
    // The job's own secret values are masked wherever they appear in a line.
    this.log = withSecrets(
      options.log ?? defaultLog.child({ capability: info.name }),
      Object.values(job.secret),
    );
    this.#httpOverrides = options.http ?? {};
  }

  #info(): CapabilityInfo {
    const info = (this.constructor as { info?: CapabilityInfo }).info;
    if (!info) {
      throw new RuntimeError(
        "NO_CAPABILITY_INFO",
        `${this.constructor.name} has no static \`info\`.`,
      );
    }
    return info;
  }

  get name(): string {
    return this.#info().name;
  }
  get title(): string {
    return this.#info().title;
  }
  get description(): string {
    return this.#info().description;
  }
  get surface(): Surface {
    return this.#info().surface;
  }

  /**
   * An HTTP client bound to this job: its signal cancels every call, its logger is `this.log`, and
   * the job's secrets are masked in its errors and never sent to another origin.
   */
  http<Paths extends {}>(options: HttpOptions): Http<Paths> {
    const overrides = this.#httpOverrides;
    const signal = options.signal
      ? AbortSignal.any([this.job.signal, options.signal])
      : this.job.signal;
    return createHttp<Paths>({
      ...options,
      ...overrides,
      retry: mergeOption(options.retry, overrides.retry),
      rateLimit: mergeOption(options.rateLimit, overrides.rateLimit),
      headers: { ...options.headers, ...overrides.headers },
      secrets: { ...this.job.secret, ...options.secrets },
      signal,
      logger: overrides.logger ?? options.logger ?? this.log,
    });
  }

  credentialParams(): string[] {
    return [];
  }

  /** `undefined` when this capability runs on the target; otherwise an Error saying why not. */
  match(): Error | undefined {
    if (!(this.target instanceof Integration)) {
      return new Error(`${this.name} runs on an Integration target, not ${describe(this.target)}`);
    }
    if (!this.target.isClass(this.name)) {
      return new Error(`integration class "${this.target.class}" does not match "${this.name}"`);
    }
    return undefined;
  }

  accepts(): boolean {
    return ACTIVE_STATUSES.has(this.target.status);
  }

  abstract invoke(): Promise<void>;

  validateCredentials(): Promise<void> {
    return Promise.reject(new Error(`${this.name}: validateCredentials not implemented`));
  }

  checkAffiliation(_asset: Asset): Promise<boolean> {
    return Promise.reject(new Error(`${this.name}: checkAffiliation not implemented`));
  }

  /** Integrations override this to return true (platform routing depends on it). */
  integration(): boolean {
    return false;
  }

  /** Minutes the platform lets `invoke()` run. */
  timeout(): number {
    return 10;
  }
}

/** An override wins: `false` turns the feature off; an object is merged over the base object. */
function mergeOption<T extends object>(
  base: T | false | undefined,
  override: Partial<T> | false | undefined,
): T | false | undefined {
  if (override === undefined) return base;
  if (override === false) return false;
  if (base === false || base === undefined) return override as T;
  return { ...base, ...override };
}

function describe(value: unknown): string {
  return value === null || typeof value !== "object"
    ? String(value)
    : (value.constructor?.name ?? "object");
}
