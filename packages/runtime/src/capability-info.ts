export type Surface = "internal" | "external" | "cloud" | "repository" | "application";

export const SURFACES: readonly Surface[] = [
  "internal",
  "external",
  "cloud",
  "repository",
  "application",
];

/** What the platform shows about a capability; declared once, as a static, on each class. */
export interface CapabilityInfo {
  /** Registry key and the integration class it matches, e.g. "acme". */
  name: string;
  title: string;
  description: string;
  surface: Surface;
}
