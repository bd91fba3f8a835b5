/**
 * `<name>_types.ts` (and `_types_2.ts`… when over budget): zod schemas for the records the
 * transforms read, then the `openapi-typescript` types of the pruned document. Split files import
 * from each other, by type only, whatever they reference.
 */
import type { IntegrationModel } from "../../model/types.js";
import type { EmitContext, EmittedFile } from "../context.js";
import { generatedHeader } from "../header.js";
import { usedNames } from "../imports.js";
import { fileNames, importPath, uniqueLabel } from "../names.js";
import { type Block, lineCount, pack } from "../pack.js";
import type { OperationView } from "../view.js";
import type { TypesParts, TypeUnit } from "./parts.js";
import { zodImport } from "./zod-schema.js";

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

function zodUnit(view: OperationView): TypeUnit {
  const text = [
    `/** One ${view.methodName} record (${view.pathComment}). Lenient: unknown keys pass. */`,
    `export const ${view.schema} = z.looseObject({`,
    ...view.zodFields.map((line) => `  ${line}`),
    "});",
    `export type ${view.schema} = z.infer<typeof ${view.schema}>;`,
  ].join("\n");
  return { container: "zod", text, declares: view.schema };
}

const isRaw = (u: TypeUnit) => u.container === "zod" || u.container === "decl";

const containersOf = (units: TypeUnit[]) => [
  ...new Set(units.filter((u) => !isRaw(u)).map((u) => u.container)),
];

/**
 * The interface holding one file's piece of a container: `Paths` when the container is in one
 * file, `PathsPart1`, `PathsPart2`… when it is spread over several.
 */
function pieceNames(groups: TypeUnit[][], taken: Set<string>) {
  const files = new Map<string, number[]>();
  groups.forEach((units, i) => {
    for (const c of containersOf(units)) files.set(c, [...(files.get(c) ?? []), i]);
  });
  return (container: string, file: number): string => {
    const list = files.get(container) ?? [];
    const base =
      list.length > 1 ? `${pascal(container)}Part${list.indexOf(file) + 1}` : pascal(container);
    return taken.has(base) ? `${base}_` : base;
  };
}

/** What a split file holds, for its name: `records`, `paths`, `operations`, `schemas`… */
function fileLabel(units: TypeUnit[]): string {
  const first = units[0]?.container ?? "types";
  if (first === "zod") return "records";
  if (first === "decl") return "schemas";
  return first
    .replace(/^components\./, "")
    .replace(/[^a-z0-9]+/gi, "_")
    .toLowerCase();
}

/** The units of one file: raw declarations as they are, each container as an interface. */
function renderGroup(units: TypeUnit[], name: (container: string) => string) {
  const out = units.filter(isRaw).map((u) => u.text);
  const declared = units.filter(isRaw).map((u) => u.declares!);
  const containers = containersOf(units);
  for (const container of containers) {
    const members = units.filter((u) => u.container === container).map((u) => indent(u.text, 1));
    const piece = name(container);
    declared.push(piece);
    out.push(`export interface ${piece} {\n${members.join("\n")}\n}`);
  }
  return { text: out.join("\n\n"), declared, containers };
}

export function emitTypes(
  model: IntegrationModel,
  views: OperationView[],
  ctx: EmitContext,
  parts: TypesParts,
): EmittedFile[] {
  const names = fileNames(model);
  const header = generatedHeader(
    `Types for the ${model.title} integration: record schemas and the API's types.`,
    model.title,
    model.version,
    ctx.version,
  );
  const zodUnits = views.map(zodUnit);
  const head = parts.head.join("\n\n");

  // Everything in one file when it fits: the plain shapes openapi-typescript users expect.
  const single = singleFile(header, head, zodUnits, parts.units, parts.componentsInline);
  if (lineCount(single) <= ctx.lineBudget) {
    return [{ path: names.types, content: `${single}\n`, owner: "generated" }];
  }

  const units = [...zodUnits, ...parts.units];
  const fixed = 40 + lineCount(head) + parts.componentsInline.length;
  const blocks: Block<TypeUnit>[] = units.map((u) => ({ item: u, lines: lineCount(u.text) + 2 }));
  const groups = pack(blocks, { first: ctx.lineBudget - fixed, overflow: ctx.lineBudget - 15 });
  const decls = new Set(units.flatMap((u) => (u.declares ? [u.declares] : [])));
  const pieceName = pieceNames(groups, decls);
  const rendered = groups.map((group, i) => renderGroup(group, (c) => pieceName(c, i)));

  // The roots live in the main file and join the per-file pieces of each container.
  const pieces = (container: string) =>
    rendered.flatMap((r, i) => (r.containers.includes(container) ? [pieceName(container, i)] : []));
  const componentKeys = [...new Set(parts.units.map((u) => u.container))].filter((c) =>
    c.startsWith("components."),
  );
  const roots = [
    ...ROOTS.map(
      (root) => `export type ${root} = ${pieces(root).join(" & ") || "Record<string, never>"};`,
    ),
    interfaceOrEmpty(
      "components",
      [
        ...componentKeys.map(
          (c) => `  ${c.slice("components.".length)}: ${pieces(c).join(" & ")};`,
        ),
        ...parts.componentsInline.map((text) => indent(text, 1)),
      ].join("\n"),
    ),
  ].join("\n\n");
  const bodies = rendered.map((r, i) =>
    i === 0 ? [r.text, head, roots].filter(Boolean).join("\n\n") : r.text,
  );
  const declaredIn = new Map<string, number>();
  rendered.forEach((r, i) => {
    for (const name of r.declared) declaredIn.set(name, i);
  });
  for (const root of ["paths", "operations", "components"]) declaredIn.set(root, 0);
  const labels = new Set<string>();
  const paths = groups.map((group, i) => {
    if (i === 0) return names.types;
    const label = uniqueLabel(fileLabel(group), labels);
    return names.typesPart(label);
  });

  return bodies.map((body, i) => {
    const usesZod = groups[i]!.some((u) => u.container === "zod");
    const imports: string[] = usesZod ? [zodImport(body)] : [];
    const wanted = usedNames(
      body,
      [...declaredIn.keys()].filter((n) => declaredIn.get(n) !== i),
    );
    const byFile = new Map<number, string[]>();
    for (const name of wanted)
      byFile.set(declaredIn.get(name)!, [...(byFile.get(declaredIn.get(name)!) ?? []), name]);
    for (const [file, list] of [...byFile].sort((a, b) => a[0] - b[0])) {
      imports.push(`import type { ${list.sort().join(", ")} } from "${importPath(paths[file]!)}";`);
    }
    // The record schemas are values the client imports from the main file.
    const reexports =
      i === 0
        ? paths
            .slice(1)
            .flatMap((p, k) =>
              groups[k + 1]!.some((u) => u.container === "zod")
                ? [`export * from "${importPath(p)}";`]
                : [],
            )
        : [];
    const content = [header, imports.join("\n"), reexports.join("\n"), body]
      .filter(Boolean)
      .join("\n\n");
    return { path: paths[i]!, content: `${content}\n`, owner: "generated" as const };
  });
}

/** `{}` means "any non-null value" (typescript-eslint's no-empty-object-type): say "nothing". */
function interfaceOrEmpty(name: string, body: string): string {
  return body.trim() === ""
    ? `export type ${name} = Record<string, never>;`
    : `export interface ${name} {\n${body}\n}`;
}

function singleFile(
  header: string,
  head: string,
  zodUnits: TypeUnit[],
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
    ...typeUnits.filter((u) => u.container === "decl").map((u) => u.text),
    interfaceOrEmpty("paths", container("paths")),
    head,
    interfaceOrEmpty("components", componentBody),
    interfaceOrEmpty("operations", container("operations")),
  ];
  return [
    header,
    zodImport(zodUnits.map((u) => u.text).join("\n")),
    ...zodUnits.map((u) => u.text),
    ...declarations,
  ]
    .filter((s) => s.trim() !== "")
    .join("\n\n");
}
