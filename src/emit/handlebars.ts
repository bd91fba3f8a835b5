/**
 * One Handlebars environment for every template: no HTML escaping (this is code, not markup), and
 * helpers that are the only way a template writes spec-derived text.
 */
import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import { commentText, identifier, jsonLiteral, propertyKey, stringLiteral } from "./safe-text.js";

const hbs = Handlebars.create();

hbs.registerHelper("id", (value: unknown) => identifier(value));
hbs.registerHelper("str", (value: unknown) => stringLiteral(value));
hbs.registerHelper("comment", (value: unknown) => commentText(value));
hbs.registerHelper("key", (value: unknown) => propertyKey(String(value)));
hbs.registerHelper("json", (value: unknown, options: unknown) => {
  const indent = typeof options === "number" ? options : 2;
  return jsonLiteral(value, indent);
});
hbs.registerHelper("eq", (a: unknown, b: unknown) => a === b);
hbs.registerHelper("or", (...args: unknown[]) => args.slice(0, -1).some(Boolean));
hbs.registerHelper("and", (...args: unknown[]) => args.slice(0, -1).every(Boolean));
hbs.registerHelper("not", (value: unknown) => !value);

const templatesDir = new URL("../../templates/", import.meta.url);
// dist/src/emit/ is one level deeper than src/emit/: resolve templates from either.
const templatesDirFromDist = new URL("../../../templates/", import.meta.url);

const cache = new Map<string, Handlebars.TemplateDelegate>();

function readTemplate(name: string): string {
  for (const dir of [templatesDir, templatesDirFromDist]) {
    try {
      return readFileSync(new URL(name, dir), "utf8");
    } catch {
      // not in this layout; try the other one
    }
  }
  throw new Error(`capkit: template ${name} is missing from the installed package`);
}

/** Renders `templates/<name>` with the given view. Templates compile once per process. */
export function render(name: string, view: object): string {
  let template = cache.get(name);
  if (!template) {
    template = hbs.compile(readTemplate(name), { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(view);
}
