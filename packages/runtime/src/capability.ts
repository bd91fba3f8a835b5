import type { CapabilityInfo, Surface } from "./capability-info.js";
import { IntegrationError, RuntimeError } from "./errors.js";
import { createFilter, type Filter } from "./filter.js";
import { createHttp, type Http, type HttpOptions } from "./http.js";
import type { Job } from "./job.js";
import { log as defaultLog, type Logger, withSecrets } from "./logger.js";
import { ACTIVE_STATUSES, Asset, type Attribute, Integration, type Risk } from "./models.js";

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

  /** Sends an asset unless the filter drops it (true means drop). Returns whether it was sent. */
  sendAsset(asset: Asset): boolean {
    if (this.filter.asset(asset)) return false;
    this.job.send(asset);
    return true;
  }

  /** Sends a risk unless the filter drops it (it sees the asset the risk hangs off). */
  sendRisk(risk: Risk): boolean {
    if (this.filter.risk(risk)) return false;
    this.job.send(risk);
    return true;
  }

  /** Sends an attribute unless the filter drops the asset it belongs to. */
  sendAttribute(attribute: Attribute): boolean {
    if (attribute.parent instanceof Asset && this.filter.asset(attribute.parent)) return false;
    this.job.send(attribute);
    return true;
  }

  /** A credential by key; a missing one is a configuration error naming the key, never a value. */
  protected secret(name: string): string {
    const value = this.job.secret[name];
    if (typeof value === "string" && value !== "") return value;
    throw configurationError(this.name, `the job has no "${name}" credential (job.secret.${name})`);
  }

  /**
   * A job setting by key, e.g. the organisation a list is read for; missing is a configuration
   * error. With `allowed` (a parameter the spec limits to an enum) it is one of them, typed so.
   */
  protected config(name: string): string;
  protected config<const T extends string>(name: string, allowed: readonly T[]): T;
  protected config(name: string, allowed?: readonly string[]): string {
    const value = this.job.config[name];
    if (typeof value !== "string" || value === "")
      throw configurationError(
        this.name,
        `the job config has no "${name}" value (job.config.${name})`,
      );
    if (allowed && !allowed.includes(value))
      throw configurationError(
        this.name,
        `job.config.${name} must be one of: ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
      );
    return value;
  }

  /**
   * The API root: the job's `baseUrl` setting when there is one, else `fallback` (the spec's).
   * An override must be https (credentials travel with every request) unless the job sets
   * `allowHttp` to "true", e.g. for a vendor appliance on a lab network.
   */
  protected baseUrl(fallback: string): string {
    const override = this.job.config.baseUrl;
    if (override === undefined || override === "") return fallback;
    let url: URL;
    try {
      url = new URL(override);
    } catch {
      throw configurationError(this.name, "job.config.baseUrl is not an absolute URL");
    }
    if (url.protocol === "https:") return override;
    if (url.protocol === "http:" && this.job.config.allowHttp === "true") return override;
    throw configurationError(
      this.name,
      `job.config.baseUrl must use https (got ${url.protocol}); set job.config.allowHttp to "true" to allow http`,
    );
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

/** A job that cannot run as configured: not retryable, names the setting, never its value. */
function configurationError(capability: string, message: string): IntegrationError {
  return new IntegrationError("CONFIGURATION", `${capability}: ${message}`, {
    operation: "configuration",
    retryable: false,
  });
}

function describe(value: unknown): string {
  return value === null || typeof value !== "object"
    ? String(value)
    : (value.constructor?.name ?? "object");
}
