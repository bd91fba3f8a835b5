import type { BaseCapability, CapabilityOptions } from "./capability.js";
import type { CapabilityInfo } from "./capability-info.js";
import { RuntimeError } from "./errors.js";
import type { Job } from "./job.js";
import type { Integration } from "./models.js";

/** A concrete capability class: constructible, with its static `info`. */
export interface CapabilityClass {
  readonly info: CapabilityInfo;
  new (job: Job, target: Integration, options?: CapabilityOptions): BaseCapability;
}

export type CapabilityFactory = (
  job: Job,
  target: Integration,
  options?: CapabilityOptions,
) => BaseCapability;

export interface RegisteredCapability {
  readonly name: string;
  readonly info: CapabilityInfo;
  readonly Class: CapabilityClass;
  create: CapabilityFactory;
}

const registry = new Map<string, RegisteredCapability>();

/** Module-scope registration (the platform's `init()` + `RegisterChariotCapability`). */
export function registerCapability(Class: CapabilityClass, factory?: CapabilityFactory): void {
  const info = Class?.info;
  if (!info || typeof info.name !== "string" || info.name === "") {
    throw new RuntimeError(
      "NO_CAPABILITY_INFO",
      "Expected the capability class to declare a static `info` with a `name`.",
    );
  }
  if (registry.has(info.name)) {
    throw new RuntimeError(
      "DUPLICATE_CAPABILITY",
      `A capability named "${info.name}" is already registered.`,
    );
  }
  const create = factory ?? ((job, target, options) => new Class(job, target, options));
  registry.set(info.name, Object.freeze({ name: info.name, info, Class, create }));
}

export function getCapability(name: string): RegisteredCapability | undefined {
  return registry.get(name);
}

export function listCapabilities(): RegisteredCapability[] {
  return [...registry.values()];
}

/** Forget a registration (tests that register throwaway classes). */
export function unregisterCapability(name: string): boolean {
  return registry.delete(name);
}
