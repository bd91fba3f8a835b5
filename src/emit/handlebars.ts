/**
 * One Handlebars environment for every template: no HTML escaping (this is code, not markup), and
 * helpers that are the only way a template writes spec-derived text. Templates come precompiled from
 * the build (dist/templates.cjs, see scripts/precompile-templates.mjs) and run on Handlebars' small
 * runtime; a template whose source changed since the build is compiled here with the full library.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type HandlebarsNamespace from "handlebars";
import { packageFile } from "../shared/package-file.js";
import { commentText, identifier, jsonLiteral, propertyKey, stringLiteral } from "./safe-text.js";

type Handlebars = typeof HandlebarsNamespace;
type Spec = Parameters<Handlebars["template"]>[0];
type Precompiled = Record<string, { sha256: string; spec: Spec }>;

const require = createRequire(import.meta.url);
// the options scripts/precompile-templates.mjs precompiles with
const OPTIONS = { noEscape: true, strict: true };

function withHelpers(hbs: Handlebars): Handlebars {
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
  return hbs;
}

let runtime: Handlebars | undefined;
let compiler: Handlebars | undefined;
let precompiled: Precompiled | undefined;
const cache = new Map<string, HandlebarsNamespace.TemplateDelegate>();

function loadPrecompiled(): Precompiled {
  try {
    return require(packageFile("dist/templates.cjs")) as Precompiled;
  } catch {
    return {}; // not built (tests run from the sources): every template compiles at run time
  }
}

function compile(name: string): HandlebarsNamespace.TemplateDelegate {
  const source = readFileSync(packageFile(`templates/${name}`), "utf8");
  precompiled ??= loadPrecompiled();
  const entry = precompiled[name];
  if (entry && entry.sha256 === createHash("sha256").update(source).digest("hex")) {
    runtime ??= withHelpers((require("handlebars/runtime") as Handlebars).create());
    return runtime.template(entry.spec);
  }
  compiler ??= withHelpers((require("handlebars") as Handlebars).create());
  return compiler.compile(source, OPTIONS);
}

/** Renders `templates/<name>` with the given view. Templates load once per process. */
export function render(name: string, view: object): string {
  let template = cache.get(name);
  if (!template) {
    template = compile(name);
    cache.set(name, template);
  }
  return template(view);
}
