/**
 * The `paths`/`components`/`operations` types from `openapi-typescript` on the pruned document,
 * cut into units (one path, one operation, one schema) so that a file over the line budget can be
 * split between schema groups instead of growing.
 */
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import type { IntegrationModel } from "../model/types.js";
import { typesDocument } from "./types-document.js";

/** A named slot of the types that holds many members: `paths`, `operations`, `components.schemas`… */
export interface TypeUnit {
  container: string;
  text: string;
}

export interface TypesParts {
  /** Declarations that stay whole in the main types file (`webhooks`, `$defs`…). */
  head: string[];
  /** Containers in print order, with the members of each. */
  units: TypeUnit[];
  /** `components` members that are not maps (e.g. `responses: never`), printed as-is. */
  componentsInline: string[];
}

const isOptionalNever = (member: ts.TypeElement) =>
  ts.isPropertySignature(member) &&
  member.questionToken !== undefined &&
  member.type?.kind === ts.SyntaxKind.NeverKeyword;

/** Drops `x?: never` members (openapi-typescript's "no such method/parameter"): noise, 9 lines a path. */
function dropOptionalNever<T extends ts.Node>(node: T): T {
  const visit = (child: ts.Node): ts.Node => {
    if (ts.isTypeLiteralNode(child)) {
      const members = child.members.filter((m) => !isOptionalNever(m));
      return ts.factory.updateTypeLiteralNode(
        child,
        ts.factory.createNodeArray(members.map((m) => ts.visitEachChild(m, visit, undefined))),
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

function memberUnits(container: string, members: readonly ts.TypeElement[], clean: boolean) {
  return members
    .filter((m) => !isOptionalNever(m))
    .map((m) => ({
      container,
      text: reindent(astToString(clean ? dropOptionalNever(m) : m).trim()),
    }));
}

export async function typesParts(model: IntegrationModel): Promise<TypesParts> {
  const nodes = await openapiTS(typesDocument(model) as never, { silent: true });
  const parts: TypesParts = { head: [], units: [], componentsInline: [] };
  for (const node of nodes) {
    if (
      ts.isInterfaceDeclaration(node) &&
      (node.name.text === "paths" || node.name.text === "operations")
    ) {
      parts.units.push(...memberUnits(node.name.text, node.members, true));
    } else if (ts.isInterfaceDeclaration(node) && node.name.text === "components") {
      for (const member of node.members) {
        const name = member.name && ts.isIdentifier(member.name) ? member.name.text : "";
        if (
          ts.isPropertySignature(member) &&
          member.type &&
          ts.isTypeLiteralNode(member.type) &&
          name
        ) {
          parts.units.push(...memberUnits(`components.${name}`, member.type.members, false));
        } else {
          parts.componentsInline.push(reindent(astToString(member).trim()));
        }
      }
    } else {
      parts.head.push(reindent(astToString(node).trim()));
    }
  }
  return parts;
}
