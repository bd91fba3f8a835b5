/**
 * The `paths`/`components`/`operations` types from `openapi-typescript` on the pruned document,
 * cut into units (one path, one operation, one schema) so that a file over the line budget can be
 * split between schema groups instead of growing.
 */
import type TS from "typescript";
import type { IntegrationModel } from "../../model/types.js";
import { typesDocument } from "./document.js";
import { openapiTypescript } from "./openapi-typescript.js";

/** A named slot of the types that holds many members: `paths`, `operations`, `components.schemas`… */
export interface TypeUnit {
  container: string;
  text: string;
  /** For `decl` units: the interface the unit declares. */
  declares?: string;
}

export interface TypesParts {
  /** Declarations that stay whole in the main types file (`webhooks`, `$defs`…). */
  head: string[];
  /** Containers in print order, with the members of each. */
  units: TypeUnit[];
  /** `components` members that are not maps (e.g. `responses: never`), printed as-is. */
  componentsInline: string[];
}

const ROOT_NAMES = new Set(["paths", "components", "operations"]);

// Set by typesParts() from the lazily loaded TypeScript (see openapi-typescript.ts).
let ts: typeof TS;
let astToString: (node: TS.Node) => string;

const isOptionalNever = (member: TS.TypeElement) =>
  ts.isPropertySignature(member) &&
  member.questionToken !== undefined &&
  member.type?.kind === ts.SyntaxKind.NeverKeyword;

// Every object literal inherits these; a property of that name typed `string` rejects `{ a: 1 }`
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** `constructor?: string` → `constructor?: unknown`, so that a plain object literal still fits. */
function widenInherited(member: TS.TypeElement): TS.TypeElement {
  if (!ts.isPropertySignature(member) || !member.questionToken || !member.name) return member;
  if (!INHERITED.has(memberName(member))) return member;
  return ts.factory.updatePropertySignature(
    member,
    member.modifiers,
    member.name,
    member.questionToken,
    ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword),
  );
}

/** Drops `x?: never` members (openapi-typescript's "no such method/parameter"): noise, 9 lines a path. */
function dropOptionalNever<T extends TS.Node>(node: T): T {
  const visit = (child: TS.Node): TS.Node => {
    if (ts.isTypeLiteralNode(child)) {
      const members = child.members.filter((m) => !isOptionalNever(m));
      // `{}` means "any non-null value" in TypeScript; an emptied literal means "nothing here".
      if (members.length === 0 && child.members.length > 0) {
        return ts.factory.createTypeReferenceNode("Record", [
          ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
          ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
        ]);
      }
      return ts.factory.updateTypeLiteralNode(
        child,
        ts.factory.createNodeArray(
          members.map((m) => widenInherited(ts.visitEachChild(m, visit, undefined))),
        ),
      );
    }
    return ts.visitEachChild(child, visit, undefined);
  };
  return visit(node) as T;
}

/** openapi-typescript prints 4-space indents; the repo style (and Biome's default here) is 2. */
export function reindent(text: string, extra = 0): string {
  return text
    .split("\n")
    .map((line) => {
      const match = /^( +)/.exec(line);
      const depth = match ? Math.floor(match[1]!.length / 4) : 0;
      const rest = match ? line.slice(depth * 4) : line;
      return rest.length === 0 ? "" : `${"  ".repeat(depth + extra)}${rest}`;
    })
    .join("\n");
}

const lines = (text: string) => text.split("\n").length;
const print = (node: TS.Node) => reindent(astToString(node).trim());

/** Unique, safe interface names for the pieces of a split type: `AuthUserPart1`, `AuthUserPart2`… */
class PartNames {
  readonly #used = new Set<string>();
  next(raw: string): string {
    const base =
      raw
        .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))
        .replace(/^[^A-Za-z]+/, "")
        .replace(/^./, (c) => c.toUpperCase()) || "Type";
    for (let i = 1; ; i++) {
      const name = `${base}Part${i}`;
      if (!this.#used.has(name)) {
        this.#used.add(name);
        return name;
      }
    }
  }
}

function memberName(member: TS.TypeElement): string {
  const name = member.name;
  if (!name) return "Type";
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : "Type";
}

/**
 * A member too long for one file gets its object types replaced by intersections of interfaces
 * declared on their own (`AuthUser: AuthUserPart1 & AuthUserPart2`), each small enough to pack.
 * Unions and arrays are followed, so `{ … } | null` and `{ … }[]` split as well.
 */
function splitMember(
  member: TS.TypeElement,
  max: number,
  names: PartNames,
): { text: string; decls: TypeUnit[] } {
  const text = print(member);
  const fits = lines(text) <= max && !hasLongUnion(member);
  if (fits || !ts.isPropertySignature(member) || !member.type || !member.name) {
    return { text, decls: [] };
  }
  const type = splitType(member.type, memberName(member), max, names);
  const key = print(member.name);
  return { text: `${key}${member.questionToken ? "?" : ""}: ${type.text};`, decls: type.decls };
}

function splitType(
  node: TS.TypeNode,
  hint: string,
  max: number,
  names: PartNames,
): { text: string; decls: TypeUnit[] } {
  if (ts.isUnionTypeNode(node) && node.types.length > LONG_UNION) {
    return hoistUnion(node, hint, max, names);
  }
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) {
    const pieces = node.types.map((t) => splitType(t, hint, max, names));
    const joiner = ts.isUnionTypeNode(node) ? " | " : " & ";
    return { text: pieces.map((p) => p.text).join(joiner), decls: pieces.flatMap((p) => p.decls) };
  }
  if (ts.isArrayTypeNode(node)) {
    const inner = splitType(node.elementType, hint, max, names);
    return { text: `(${inner.text})[]`, decls: inner.decls };
  }
  if (ts.isParenthesizedTypeNode(node)) {
    const inner = splitType(node.type, hint, max, names);
    return { text: `(${inner.text})`, decls: inner.decls };
  }
  const text = print(node);
  if (!ts.isTypeLiteralNode(node) || (lines(text) <= max && !hasLongUnion(node)))
    return { text, decls: [] };
  const decls: TypeUnit[] = [];
  const chunks: string[][] = [[]];
  let size = 0;
  for (const child of node.members) {
    const piece = splitMember(child, max, names);
    decls.push(...piece.decls);
    if (size + lines(piece.text) > max && chunks[chunks.length - 1]!.length > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1]!.push(piece.text);
    size += lines(piece.text);
  }
  const partNames = chunks.map(() => names.next(hint));
  chunks.forEach((chunk, i) => {
    const body = chunk
      .join("\n")
      .split("\n")
      .map((line) => (line ? `  ${line}` : line))
      .join("\n");
    decls.push({
      container: "decl",
      declares: partNames[i]!,
      text: `export interface ${partNames[i]} {\n${body}\n}`,
    });
  });
  return { text: partNames.length > 1 ? `(${partNames.join(" & ")})` : partNames[0]!, decls };
}

/** Unions longer than this (the formatter prints one member a line) become named aliases. */
const LONG_UNION = 40;

function hasLongUnion(node: TS.Node): boolean {
  if (ts.isUnionTypeNode(node) && node.types.length > LONG_UNION) return true;
  return ts.forEachChild(node, (child) => (hasLongUnion(child) ? true : undefined)) ?? false;
}

/**
 * A long union of values (Google's 800 report filters) as aliases of at most `max` members each,
 * declared on their own so the packer can place them: `GroupBysValuesPart1 | GroupBysValuesPart2`.
 */
function hoistUnion(
  node: TS.UnionTypeNode,
  hint: string,
  max: number,
  names: PartNames,
): { text: string; decls: TypeUnit[] } {
  const size = Math.max(10, max - 5);
  const decls: TypeUnit[] = [];
  const aliases: string[] = [];
  for (let i = 0; i < node.types.length; i += size) {
    const members = node.types.slice(i, i + size).map((t) => splitType(t, hint, max, names));
    decls.push(...members.flatMap((m) => m.decls));
    const name = names.next(`${hint}Values`);
    aliases.push(name);
    decls.push({
      container: "decl",
      declares: name,
      text: `export type ${name} =\n${members.map((m) => `  | ${m.text}`).join("\n")};`,
    });
  }
  return { text: aliases.length > 1 ? `(${aliases.join(" | ")})` : aliases[0]!, decls };
}

function memberUnits(
  container: string,
  members: readonly TS.TypeElement[],
  clean: boolean,
  max: number,
  names: PartNames,
): TypeUnit[] {
  const units: TypeUnit[] = [];
  for (const m of members) {
    if (isOptionalNever(m)) continue;
    const piece = splitMember(clean ? dropOptionalNever(m) : m, max, names);
    units.push(...piece.decls, { container, text: piece.text });
  }
  return units;
}

export async function typesParts(
  model: IntegrationModel,
  maxUnitLines: number,
): Promise<TypesParts> {
  const names = new PartNames();
  const api = openapiTypescript();
  ts = api.ts;
  astToString = (node) => api.astToString(node);
  const nodes = api.transform(typesDocument(model));
  const parts: TypesParts = { head: [], units: [], componentsInline: [] };
  for (const node of nodes) {
    if (
      ts.isInterfaceDeclaration(node) &&
      (node.name.text === "paths" || node.name.text === "operations")
    ) {
      parts.units.push(...memberUnits(node.name.text, node.members, true, maxUnitLines, names));
    } else if (ts.isInterfaceDeclaration(node) && node.name.text === "components") {
      for (const member of node.members) {
        const name = member.name && ts.isIdentifier(member.name) ? member.name.text : "";
        if (
          ts.isPropertySignature(member) &&
          member.type &&
          ts.isTypeLiteralNode(member.type) &&
          name
        ) {
          parts.units.push(
            ...memberUnits(`components.${name}`, member.type.members, false, maxUnitLines, names),
          );
        } else {
          parts.componentsInline.push(reindent(astToString(member).trim()));
        }
      }
    } else if (ts.isTypeAliasDeclaration(node) && ROOT_NAMES.has(node.name.text)) {
      // An empty root (`type components = Record<string, never>`): the emitter declares the roots.
    } else {
      parts.head.push(reindent(astToString(node).trim()));
    }
  }
  return parts;
}
