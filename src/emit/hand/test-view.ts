/**
 * The data parts of the generated test file: what the mock serves for `invoke()`, what must be
 * sent, the transform expectations (with the guesses they rest on), the state tests and the table
 * of paginated operations.
 */
import type {
  IntegrationModel,
  OperationModel,
  Pagination,
  RecordField,
} from "../../model/types.js";
import { commentText, jsonLiteral, propertyKey, stringLiteral } from "../safe-text.js";
import type { OperationView } from "../view.js";
import { assetValue, expectedValue, guesses, parentOf } from "./expected-record.js";
import { invokeOrder } from "./invoke-code.js";
import { applyOverrides, PRIVATE_IP, restored, type Variant, variantsFor } from "./variants.js";

export interface Step {
  op: OperationModel;
  view: OperationView;
}

function recordCode(view: OperationView, overrides: Variant["overrides"]): string {
  const sample = `samples.${view.sample}`;
  if (overrides.length === 0) return sample;
  // `{ repository: { full_name: "acme/web" } }`: the changes as one nested object (spec names stay data)
  return `at(${sample}, ${jsonLiteral(applyOverrides({}, overrides), 0)})`;
}

/** The first page of a page or offset listing, so later pages can answer empty. */
function firstPage(p: Pagination): string {
  if (p.style === "page")
    return `, { param: ${stringLiteral(p.pageParam)}, value: ${stringLiteral(String(p.firstPage))} }`;
  if (p.style === "offset") return `, { param: ${stringLiteral(p.offsetParam)}, value: "0" }`;
  return "";
}

/** `{ status: value }` (nested for a nested field): the state tests' change to the sample. */
function changeCode(field: RecordField): string {
  return field.path.reduceRight((inner, key) => `{ ${propertyKey(key)}: ${inner} }`, "value");
}

interface Served {
  step: Step;
  variants: Variant[];
}

function serve(steps: Step[]): Served[] {
  const served = new Map<string, Served>();
  for (const step of invokeOrder(steps)) {
    const { op, view } = step;
    const referrer = steps.find((s) => s.op.mapping.join?.operationId === op.operationId)?.op
      .mapping.join;
    const target = op.mapping.join && served.get(op.mapping.join.operationId);
    const joined = target
      ? {
          recordName: target.step.op.recordName,
          dropped: target.variants.map((v) => v.dropped),
        }
      : undefined;
    const variants = variantsFor(op, view.sampleValue, referrer?.key, joined, referrer?.field);
    served.set(op.operationId, { step, variants: op.isList ? variants : variants.slice(0, 1) });
  }
  return [...served.values()];
}

export function testView(model: IntegrationModel, steps: Step[], validationOp: OperationModel) {
  const served = serve(steps);
  const byId = new Map(served.map((s) => [s.step.op.operationId, s]));
  const targetCode = `new Integration(${stringLiteral(model.service)}, "acme")`;
  const joinedAsset = (op: OperationModel, i: number): string => {
    const other = op.mapping.join && byId.get(op.mapping.join.operationId);
    const variant = other?.variants[i] ?? other?.variants[0];
    return other && variant ? assetValue(other.step.op, variant.record) : "target";
  };

  /** What one served operation's records become, in the order invoke() sends them. */
  const expectedOf = ({ step, variants }: Served): string[] =>
    variants.flatMap((variant, i) => {
      if (variant.dropped) return [];
      const parent = parentOf(step.op).kind === "join" ? joinedAsset(step.op, i) : "target";
      return [expectedValue(step.op, variant.record, parent)];
    });
  const recordsName = (s: Served) => `${s.step.view.methodName}Records`;
  const servedCode = (list: Served[]) =>
    list.map((s) => `${s.step.view.methodName}: ${recordsName(s)}`).join(", ");
  // single-record calls are always served: invoke() cannot run without their answer
  const always = served.filter((s) => !s.step.op.isList);
  const invokeTests = served.map((one) => {
    const join = one.step.op.mapping.join;
    const needed = new Set([
      one.step.op.operationId,
      ...(join ? [join.operationId] : []),
      ...always.map((s) => s.step.op.operationId),
    ]);
    const list = served.filter((s) => needed.has(s.step.op.operationId));
    const notes = guesses(one.step.op);
    return {
      title: stringLiteral(
        `${one.step.view.methodName}: its records go through ${one.step.view.transform} and the filter, one key each`,
      ),
      served: servedCode(list),
      expected: list.flatMap(expectedOf),
      notes: notes.length
        ? [`Rests on the guesses noted on ${one.step.view.transform}'s test: correct those first.`]
        : [],
      privateLiteral: list.some((s) => s.variants.some((v) => v.dropped))
        ? stringLiteral(PRIVATE_IP)
        : "",
    };
  });

  const parents = new Map<string, string>();
  for (const { op } of steps) {
    const parent = parentOf(op);
    if (parent.kind === "target") parents.set("target", targetCode);
    if (parent.kind === "join") parents.set(parent.param, joinedAsset(op, 0));
  }

  const transformTests = steps.map(({ op, view }) => {
    const restore = restored(op, view.sampleValue);
    const sample = applyOverrides(view.sampleValue, restore);
    const parent = parentOf(op);
    const param = parent.kind === "join" || parent.kind === "target" ? parent.param : "";
    const notes = guesses(op);
    const state = op.mapping.state;
    return {
      ...view,
      args: param ? `, ${param}` : "",
      record: recordCode(view, restore),
      expected: expectedValue(op, sample, param || "target"),
      notes: notes.length
        ? ["A guess: correct this expectation before writing the mapping.", ...notes]
        : [],
      states: state?.entries.map((e) => ({
        value: stringLiteral(e.value),
        letter: stringLiteral(e.letter),
        known: e.known,
      })),
      stateTitle: stringLiteral(
        `${view.transform} maps ${state ? commentText(state.field.path.join("."), 60) : ""} %s to the platform state %s`,
      ),
      stateRecord: state
        ? restore.length > 0
          ? `at(${recordCode(view, restore)}, ${changeCode(state.field)})`
          : `at(samples.${view.sample}, ${changeCode(state.field)})`
        : "",
    };
  });

  // `of`: the operation a route answers for ("" for the credential check), so the mock can split
  const handlers = served.map(({ step }) => {
    const { op, view } = step;
    const route = `api.${view.method}(route(${view.path})`;
    const records = `served[${stringLiteral(view.methodName)}]`;
    const code = op.isList
      ? `${route}, onePage(${view.recordsPath}, ${records}${firstPage(op.pagination)}))`
      : `${route}, () => HttpResponse.json(${records}?.[0] ?? {}))`;
    return { of: view.methodName, code };
  });
  if (!steps.some((s) => s.op.operationId === validationOp.operationId))
    handlers.unshift({
      of: "",
      code: `api.${validationOp.method}(route(${stringLiteral(validationOp.path)}), () => HttpResponse.json(validationOk()))`,
    });

  const affiliatedFrom =
    served.find((s) => s.step.op.recordKind === "asset") ??
    served.find((s) => parentOf(s.step.op).kind === "locator");
  const affiliatedVariant = affiliatedFrom?.variants.find((v) => !v.dropped);
  const affiliated =
    affiliatedFrom && affiliatedVariant
      ? assetValue(affiliatedFrom.step.op, affiliatedVariant.record)
      : "";

  return {
    records: served.map((one) => ({
      name: recordsName(one),
      note: wrap(commentText(recordsComment(one), 300), 94),
      lines: one.variants.map((v) => recordCode(one.step.view, v.overrides)),
    })),
    handlers,
    invokeTests,
    // the expectations name the integration when a sent record hangs off it
    invokeTarget: served.some(
      (s) => parentOf(s.step.op).kind === "target" && s.variants.some((v) => !v.dropped),
    ),
    parents: [...parents].map(([name, value]) => ({ name, value })),
    transformTests,
    affiliated,
    affiliationServed: affiliatedFrom
      ? servedCode(
          served.filter(
            (s) =>
              s === affiliatedFrom ||
              s.step.op.operationId === affiliatedFrom.step.op.mapping.join?.operationId ||
              always.includes(s),
          ),
        )
      : servedCode(always),
    affiliationTitle: affiliated
      ? "knows an asset of the account from a foreign one"
      : "refuses a foreign asset",
  };
}

/** Words wrapped into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length + 1 <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** What a records constant holds, and why. */
function recordsComment({ step, variants }: Served): string {
  const { op, view } = step;
  const dropped = variants.some((v) => v.dropped);
  if (op.mapping.join && parentOf(op).kind === "join")
    return `${view.methodName}: one record on each ${op.mapping.join.noun.replace(/_/g, " ")} of ${op.mapping.join.operationId}${dropped ? " (the private one's is dropped with it)" : ""}.`;
  if (op.mapping.locator)
    return `${view.methodName}: the sample on two public assets${dropped ? " and a private one (the filter drops it)" : ""}; one finding on two assets is two keys.`;
  return `${view.methodName}: the sample and another record; a name that ignores the record would give both one key.`;
}
