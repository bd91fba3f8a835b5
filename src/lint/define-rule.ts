import type { FolderContext, Rule, RuleContext, RuleMeta, Visitors } from "./rule.js";
import type { FileRole } from "./types.js";

const ALL_ROLES: readonly FileRole[] = ["main", "client", "types", "transform", "test", "other"];

export interface RuleDefinition {
  id: string;
  meta: Omit<RuleMeta, "docs"> & { docs?: string };
  roles?: readonly FileRole[];
  check?: (context: RuleContext) => Visitors | undefined;
  checkFolder?: (context: FolderContext) => void;
}

/** Rule factory: the docs path is derived from the id, so page and rule cannot drift apart. */
export function defineRule(definition: RuleDefinition): Rule {
  return {
    id: definition.id,
    meta: { ...definition.meta, docs: definition.meta.docs ?? `docs/rules/${definition.id}.md` },
    roles: definition.roles ?? ALL_ROLES,
    ...(definition.check ? { check: definition.check } : {}),
    ...(definition.checkFolder ? { checkFolder: definition.checkFolder } : {}),
  };
}
