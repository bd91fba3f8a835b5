import type { Node, Source } from "../ast.js";
import { defineRule } from "../define-rule.js";
import {
  compactText,
  findDescendant,
  isFunction,
  nameText,
  staticMember,
  typeAnnotationOf,
} from "../predicates.js";

/** A call through the configured filter (`this.filter.asset(x)`), optionally about `subject`. */
function filterCall(
  source: Source,
  filter: string,
  within: Node,
  subject?: string,
): Node | undefined {
  return findDescendant(within, (n) => {
    if (n.type !== "CallExpression") return false;
    const member = staticMember(n.callee);
    return (
      member !== undefined &&
      compactText(source, member.object) === filter &&
      (subject === undefined || n.arguments.some((a) => compactText(source, a) === subject))
    );
  });
}

function exits(statement: Node): boolean {
  const last = statement.type === "BlockStatement" ? statement.body.at(-1) : statement;
  return (
    last !== undefined &&
    (last.type === "ContinueStatement" ||
      last.type === "ReturnStatement" ||
      last.type === "BreakStatement" ||
      last.type === "ThrowStatement")
  );
}

/** `if (!this.filter.x(a)) { …send… }` or an earlier `if (this.filter.x(a)) continue;` in an enclosing block. */
function isGuarded(source: Source, filter: string, send: Node, subject?: string): boolean {
  let child = send;
  for (let at = send.parent; at && !isFunction(at); child = at, at = at.parent) {
    if (at.type === "IfStatement" && at.consequent === child) {
      const cond = at.test;
      if (
        cond.type === "UnaryExpression" &&
        cond.operator === "!" &&
        filterCall(source, filter, cond, subject)
      )
        return true;
    }
    if (at.type === "BlockStatement" || at.type === "Program") {
      const statements: readonly Node[] = at.body;
      for (const s of statements.slice(0, statements.indexOf(child))) {
        if (
          s.type === "IfStatement" &&
          exits(s.consequent) &&
          filterCall(source, filter, s.test, subject)
        )
          return true;
      }
    }
  }
  return false;
}

/** The parameter of `fn` named `name` (`x`, `x: T`, `x = 1`, `private x: T`). */
function parameterNamed(fn: Node, name: string): Node | undefined {
  if (!isFunction(fn)) return undefined;
  for (const p of fn.params) {
    const binding = p.type === "TSParameterProperty" ? p.parameter : p;
    const id = binding.type === "AssignmentPattern" ? binding.left : binding;
    if (nameText(id) === name) return id;
  }
  return undefined;
}

/** The declared model of a sent identifier, syntactically: `attribute: Attribute`, `= new Attribute(…)`. */
function declaredModel(source: Source, ident: Node & { name: string }): string | undefined {
  for (let fn = ident.parent; fn; fn = fn.parent) {
    if (!isFunction(fn)) continue;
    const param = parameterNamed(fn, ident.name);
    const paramType = param && typeAnnotationOf(param);
    if (paramType) return compactText(source, paramType);
    const decl = fn.body
      ? findDescendant(
          fn.body,
          (n) => n.type === "VariableDeclarator" && nameText(n.id) === ident.name,
        )
      : undefined;
    if (decl?.type !== "VariableDeclarator") continue;
    const declType = typeAnnotationOf(decl.id);
    if (declType) return compactText(source, declType);
    if (decl.init?.type === "NewExpression") return compactText(source, decl.init.callee);
    return undefined;
  }
  return undefined;
}

export default defineRule({
  id: "filter-before-send",
  meta: {
    description: "Every job.send of an asset or risk is guarded by the filter (true means skip)",
    why: "The filter is how customers exclude assets and risks (scope, frozen assets, severity floors); a send that skips it puts excluded data on the platform.",
    fix: "Guard the send: `if (this.filter.asset(asset)) continue;` before `this.job.send(asset)` (the filter returns true to drop).",
  },
  roles: ["main", "transform", "other"],
  check(ctx) {
    const { source, config } = ctx;
    return {
      CallExpression: (call) => {
        if (call.type !== "CallExpression") return;
        const callee = staticMember(call.callee);
        if (callee?.name !== "send") return;
        if (!/(^|\.)job$/.test(compactText(source, callee.object))) return;
        for (const arg of call.arguments) {
          // attributes are not filtered by the platform's Filter (it has asset() and risk() only)
          const attribute = config.names.attributeModel;
          if (arg.type === "NewExpression" && compactText(source, arg.callee) === attribute)
            continue;
          if (arg.type === "Identifier" && declaredModel(source, arg) === attribute) continue;
          const subject = arg.type === "Identifier" ? arg.name : undefined;
          if (!isGuarded(source, config.names.filter, call, subject)) {
            ctx.report(
              call,
              `${compactText(source, call.callee)}(${compactText(source, arg)}) is not guarded by ${config.names.filter}`,
            );
            return;
          }
        }
      },
    };
  },
});
