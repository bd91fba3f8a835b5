import { defineRule } from "../define-rule.js";
import { compactText, lastSegment } from "../predicates.js";

export default defineRule({
  id: "extends-base",
  meta: {
    description: "The integration class extends the configured base class",
    why: "The base class supplies the job, target, filter, logger and HTTP factory, and the safe defaults the platform relies on; a class that does not extend it is not a capability.",
    fix: "Declare the class as `export class Acme extends BaseCapability` (or the base class named in `names.baseClass`).",
  },
  roles: ["main"],
  check(ctx) {
    const { source } = ctx;
    const base = ctx.config.names.baseClass;
    const cls = ctx.mainClass();
    if (!cls) {
      ctx.report(
        undefined,
        `no class in the main file: declare \`export class … extends ${base}\``,
      );
      return undefined;
    }
    const parent = cls.superClass;
    if (parent && lastSegment(compactText(source, parent)) === base) return undefined;
    if (parent && !source.identifierNames().has(base)) {
      // the class extends *something* and the configured name appears nowhere: likely a renamed base
      ctx.configError(
        `names.baseClass "${base}" matches nothing in ${ctx.file.path}, whose class extends \`${compactText(source, parent)}\`: set names.baseClass, or extend ${base}`,
      );
      return undefined;
    }
    const name = cls.id?.name ?? "(anonymous)";
    ctx.report(cls.id ?? cls, `class ${name} does not extend ${base}`);
    return undefined;
  },
});
