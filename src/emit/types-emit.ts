/**
 * `<name>_types.ts` (and `_types_2.ts`… when over budget): zod schemas for the records the
 * transforms read, then the `openapi-typescript` types of the pruned document.
 */
import type { IntegrationModel } from "../model/types.js";
import type { EmitContext, EmittedFile } from "./context.js";
import { generatedHeader } from "./header.js";
import { fileNames, importPath } from "./names.js";
import { type Block, lineCount, pack } from "./pack.js";
import { type TypeUnit, typesParts } from "./types-file.js";
import type { OperationView } from "./view.js";

interface Unit {
  container: string;
  text: string;
}

const ROOTS = ["paths", "operations"] as const;

function pascal(container: string): string {
  return container
    .split(/[._]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

const indent = (text: string, depth: number) =>
  text
    .split("\n")
    .map((line) => (line ? `${"  ".repeat(depth)}${line}` : line))
    .join("\n");

function zodUnit(view: OperationView): Unit {
  const body = view.zodFields.map((line) => `  ${line}`).join("\n");
  const text = [
    `/** One ${view.methodName} record (${view.pathComment}). Lenient: unknown keys pass. */`,
    `export const ${view.schema} = z.looseObject({`,
    body,
    "});",
    `export type ${view.schema} = z.infer<typeof ${view.schema}>;`,
  ]
    .filter((line) => line !== "")
    .join("\n");
  return { container: "zod", text };
}

/** Renders the units of one file, each container as its own interface named after the file. */
function renderContainers(units: Unit[], suffix: number): { text: string; containers: string[] } {
  const out: string[] = [];
  const containers: string[] = [];
  const zod = units.filter((u) => u.container === "zod");
  out.push(...zod.map((u) => u.text));
  const order = [...new Set(units.filter((u) => u.container !== "zod").map((u) => u.container))];
  for (const container of order) {
    const members = units.filter((u) => u.container === container).map((u) => indent(u.text, 1));
    const name = `${pascal(container)}${suffix}`;
    containers.push(container);
    out.push(`export interface ${name} {\n${members.join("\n")}\n}`);
  }
  return { text: out.join("\n\n"), containers };
}

export async function emitTypes(
  model: IntegrationModel,
  views: OperationView[],
  ctx: EmitContext,
): Promise<EmittedFile[]> {
  const names = fileNames(model);
  const parts = await typesParts(model);
  const header = generatedHeader(
    `Types for the ${model.title} integration: record schemas and the API's types.`,
    model.title,
    model.version,
    ctx.version,
  );
  const zodUnits = views.map(zodUnit);
  const units: Unit[] = [...zodUnits, ...parts.units];
  const head = parts.head.join("\n\n");

  // Everything in one file when it fits: the plain shapes openapi-typescript users expect.
  const single = singleFile(header, head, zodUnits, parts.units, parts.componentsInline);
  if (lineCount(single) <= ctx.lineBudget) {
    return [{ path: names.types, content: `${single}\n`, owner: "generated" }];
  }

  const fixed = 40 + lineCount(head) + parts.componentsInline.length;
  const blocks: Block<Unit>[] = units.map((u) => ({ item: u, lines: lineCount(u.text) + 2 }));
  const groups = pack(blocks, { first: ctx.lineBudget - fixed, overflow: ctx.lineBudget - 12 });
  const files: EmittedFile[] = [];
  const roots = new Map<string, string[]>();
  groups.forEach((group, i) => {
    const rendered = renderContainers(group, i + 1);
    for (const c of rendered.containers)
      roots.set(c, [...(roots.get(c) ?? []), `${pascal(c)}${i + 1}`]);
    if (i === 0) return;
    const file = names.typesPart(i + 1);
    const usesZod = group.some((u) => u.container === "zod");
    const referenced = ["components", "operations"].filter((root) =>
      rendered.text.includes(`${root}[`),
    );
    const imports = [
      ...(usesZod ? ['import { z } from "capkit/runtime";'] : []),
      ...(referenced.length > 0
        ? [`import type { ${referenced.join(", ")} } from "${importPath(names.types)}";`]
        : []),
    ];
    files.push({
      path: file,
      content: `${header}\n${imports.join("\n")}\n\n${rendered.text}\n`,
      owner: "generated",
    });
  });
  const first = renderContainers(groups[0] ?? [], 1);
  const partImports = files.map((f, i) => {
    const group = groups[i + 1] ?? [];
    const zodNames = group.filter((u) => u.container === "zod").length > 0;
    const typeNames = [
      ...new Set(
        group.filter((u) => u.container !== "zod").map((u) => `${pascal(u.container)}${i + 2}`),
      ),
    ];
    return { file: f.path, typeNames, zodNames };
  });
  const rootDecls = [
    ...ROOTS.map(
      (root) =>
        `export type ${root} = ${(roots.get(root) ?? ["Record<string, never>"]).join(" & ")};`,
    ),
    `export interface components {\n${[
      ...[...roots.keys()]
        .filter((c) => c.startsWith("components."))
        .map((c) => `  ${c.slice("components.".length)}: ${(roots.get(c) ?? []).join(" & ")};`),
      ...parts.componentsInline.map((text) => indent(text, 1)),
    ].join("\n")}\n}`,
  ];
  const mainImports = [
    'import { z } from "capkit/runtime";',
    ...partImports
      .filter((p) => p.typeNames.length > 0)
      .map((p) => `import type { ${p.typeNames.join(", ")} } from "${importPath(p.file)}";`),
  ];
  const reexports = partImports
    .filter((p) => p.zodNames)
    .map((p) => `export * from "${importPath(p.file)}";`);
  const main = [
    header,
    mainImports.join("\n"),
    reexports.join("\n"),
    first.text,
    head,
    rootDecls.join("\n\n"),
  ]
    .filter((s) => s.trim() !== "")
    .join("\n\n");
  return [{ path: names.types, content: `${main}\n`, owner: "generated" }, ...files];
}

function singleFile(
  header: string,
  head: string,
  zodUnits: Unit[],
  typeUnits: TypeUnit[],
  componentsInline: string[],
): string {
  const container = (name: string) =>
    typeUnits
      .filter((u) => u.container === name)
      .map((u) => indent(u.text, 1))
      .join("\n");
  const components = [
    ...new Set(typeUnits.map((u) => u.container).filter((c) => c.startsWith("components."))),
  ];
  const componentBody = [
    ...components.map(
      (c) => `  ${c.slice("components.".length)}: {\n${indent(container(c), 1)}\n  };`,
    ),
    ...componentsInline.map((text) => indent(text, 1)),
  ].join("\n");
  const declarations = [
    `export interface paths {\n${container("paths")}\n}`,
    head,
    `export interface components {\n${componentBody}\n}`,
    `export interface operations {\n${container("operations")}\n}`,
  ];
  return [
    header,
    'import { z } from "capkit/runtime";',
    ...zodUnits.map((u) => u.text),
    ...declarations,
  ]
    .filter((s) => s.trim() !== "")
    .join("\n\n");
}
