/**
 * The body of `invoke()`: each operation paged, transformed and sent through the base class's
 * filtered send. Records that name an asset of another operation by its key (`host_id`) are read
 * after it and hang off the very asset it sent, so the filter sees the host's address.
 */
import type { OperationModel } from "../../model/types.js";
import { commentText, stringLiteral } from "../safe-text.js";
import type { OperationView } from "../view.js";
import { joinParam, parentOf } from "./expected-record.js";
import { accessor } from "./mapping-code.js";

const SEND: Record<string, string> = {
  Asset: "this.sendAsset",
  Risk: "this.sendRisk",
  Attribute: "this.sendAttribute",
};

export interface InvokeStep {
  op: OperationModel;
  view: OperationView;
}

/** Operations that others join to go first; the rest keep the selection order. */
export function invokeOrder(steps: InvokeStep[]): InvokeStep[] {
  const targets = joinTargets(steps);
  return [
    ...steps.filter((s) => targets.has(s.op.operationId)),
    ...steps.filter((s) => !targets.has(s.op.operationId)),
  ];
}

/** Joined-to operation id → the name of the map that keeps its assets by key (`hosts`). */
function joinTargets(steps: InvokeStep[]): Map<string, { map: string; key: string }> {
  const out = new Map<string, { map: string; key: string }>();
  for (const { op } of steps) {
    const join = op.mapping.join;
    if (join && !out.has(join.operationId))
      out.set(join.operationId, { map: `${joinParam(op.mapping)}s`, key: accessor(join.key) });
  }
  return out;
}

function body(step: InvokeStep, maps: Map<string, { map: string; key: string }>): string[] {
  const { op, view } = step;
  const send = SEND[view.kind] ?? "this.sendAttribute";
  const parent = parentOf(op);
  const kept = maps.get(op.operationId);
  if (kept)
    return [
      `const asset = ${view.transform}(record);`,
      `${kept.map}.set(String(${kept.key}), asset);`,
      `${send}(asset);`,
    ];
  if (parent.kind === "target") return [`${send}(${view.transform}(record, this.target));`];
  const join = op.mapping.join;
  if (parent.kind !== "join" || !join) return [`${send}(${view.transform}(record));`];
  const map = maps.get(join.operationId)?.map ?? "assets";
  const key = join.field.optional
    ? `String(${accessor(join.field)} ?? "")`
    : `String(${accessor(join.field)})`;
  return [
    `const ${parent.param} = ${map}.get(${key});`,
    `if (${parent.param}) ${send}(${view.transform}(record, ${parent.param}));`,
    `else ${unmatched(view)}++;`,
  ];
}

const unmatched = (view: OperationView) => `${view.methodName}Unmatched`;

/** `invoke()` after its first statement (the credential check), indented for the class body. */
export function invokeLines(steps: InvokeStep[]): string[] {
  const maps = joinTargets(steps);
  const lines = ["const client = this.client();"];
  for (const step of invokeOrder(steps)) {
    const { op, view } = step;
    const kept = maps.get(op.operationId);
    const join = op.mapping.join;
    if (kept) {
      lines.push(
        `// ${op.methodName} by ${commentText(kept.key.replace(/^record\.?/, ""), 60)}: the records below name their ${noun(op.recordName.toLowerCase())} by it.`,
        `const ${kept.map} = new Map<string, Asset>();`,
      );
    }
    if (join && parentOf(op).kind === "join") {
      lines.push(
        `// Each record names its ${noun(join.noun)} by ${commentText(join.field.path.join("."), 60)}: it hangs off the asset sent above.`,
        `let ${unmatched(view)} = 0;`,
      );
    }
    const inner = body(step, maps);
    if (op.isList)
      lines.push(`for await (const record of ${call(view)}) {`, ...inner.map((l) => `  ${l}`), "}");
    else
      lines.push("{", `  const record = await ${call(view)};`, ...inner.map((l) => `  ${l}`), "}");
    if (join && parentOf(op).kind === "join") {
      lines.push(
        `if (${unmatched(view)} > 0)`,
        `  this.log.warn(`,
        `    { operation: ${stringLiteral(op.operationId)}, records: ${unmatched(view)} },`,
        `    ${stringLiteral(`records name a ${noun(join.noun)} that ${join.operationId} did not return; they were not sent`)},`,
        "  );",
      );
    }
  }
  return lines;
}

const noun = (text: string) => commentText(text.replace(/_/g, " "), 40);

const call = (view: OperationView) => `client.${view.methodName}(${view.invokeRequest})`;
