import { defineRule } from "../define-rule.js";
import { compactText, identifierNames, lastSegment } from "../predicates.js";

export default defineRule({
  id: "extends-base",
  meta: {
    description: "The integration class extends the configured base class",
    why: "The base class supplies the job, target, filter, logger and HTTP factory, and the safe defaults the platform relies on; a class that does not extend it is not a capability.",
    fix: "Declare the class as `export class Acme extends BaseCapability` (or the base class named in `names.baseClass`).",
  },
  roles: ["main"],
  check(ctx) {
    const { ts, sf } = ctx;
    const base = ctx.config.names.baseClass;
    const cls = ctx.mainClass();
    if (!cls) {
      ctx.report(
        undefined,
        `no class in the main file: declare \`export class … extends ${base}\``,
      );
      return undefined;
    }
    const parent = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
      ?.types[0];
    if (parent && lastSegment(compactText(sf, parent.expression)) === base) return undefined;
    if (parent && !identifierNames(ts, sf).has(base)) {
      // the class extends *something* and the configured name appears nowhere: likely a renamed base
      ctx.configError(
        `names.baseClass "${base}" matches nothing in ${ctx.file.path}, whose class extends \`${compactText(sf, parent.expression)}\`: set names.baseClass, or extend ${base}`,
      );
      return undefined;
    }
    const name = cls.name?.text ?? "(anonymous)";
    ctx.report(cls.name ?? cls, `class ${name} does not extend ${base}`);
    return undefined;
  },
});
