/**
 * One Handlebars environment for every template: no HTML escaping (this is code, not markup), and
 * helpers that are the only way a template writes spec-derived text.
 */
import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import { packageFile } from "../shared/package-file.js";
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

const cache = new Map<string, Handlebars.TemplateDelegate>();

const readTemplate = (name: string) => readFileSync(packageFile(`templates/${name}`), "utf8");

/** Renders `templates/<name>` with the given view. Templates compile once per process. */
export function render(name: string, view: object): string {
  let template = cache.get(name);
  if (!template) {
    template = hbs.compile(readTemplate(name), { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(view);
}
