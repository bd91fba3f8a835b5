import { BaseCapability, type CapabilityInfo } from "../../../packages/runtime/src/index.js";

/** The smallest capability: for tests of what `BaseCapability` gives every integration. */
export class Acme extends BaseCapability {
  static override readonly info: CapabilityInfo = {
    name: "acme",
    title: "Acme",
    description: "d",
    surface: "external",
  };
  async invoke(): Promise<void> {}
}
