/**
 * The platform record an event's transform should produce for its sample: suggested in the
 * transform's note and asserted by the RED test. Only the field hints, the sample and the event's
 * action (its risk state) are used: a starting point the engineer edits.
 */
import type { FieldHint, WebhookEventModel } from "../../model/types.js";
import { stringLiteral } from "../safe-text.js";

const SEVERITY: Record<string, string> = {
  info: "I",
  informational: "I",
  none: "I",
  note: "I",
  low: "L",
  warning: "M",
  medium: "M",
  moderate: "M",
  high: "H",
  error: "H",
  important: "H",
  critical: "C",
};

interface Field {
  path: string;
  value: string;
}

function valueAt(sample: unknown, dotted: string): unknown {
  let node = sample;
  for (const key of dotted.split(".")) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function first(event: WebhookEventModel, sample: unknown, hints: FieldHint[]): Field | undefined {
  for (const hint of hints) {
    for (const entry of event.fieldHints) {
      const value = entry.hint === hint ? valueAt(sample, entry.field) : undefined;
      if (typeof value === "string" || typeof value === "number")
        return { path: entry.field, value: String(value) };
    }
  }
  return undefined;
}

const accessor = (dotted: string) =>
  `event${dotted
    .split(".")
    .map((key, i) => `${i > 0 ? "?." : ""}[${stringLiteral(key)}]`)
    .join("")}`;
const lit = (f: Field | undefined) => stringLiteral(f?.value ?? "");
const get = (f: Field | undefined) => (f ? `String(${accessor(f.path)})` : '""');

export interface ExpectedEvent {
  expected: string;
  suggestion: string;
  imports: string[];
}

/** `new Risk(…)` / `new Asset(…)` / `new Attribute(…)` for the event's (slimmed) sample. */
export function expectedEvent(event: WebhookEventModel, sample: unknown): ExpectedEvent {
  if (event.recordKind === "asset") {
    const host = first(event, sample, ["hostname", "fqdn", "dns", "url", "ip", "name", "id"]);
    return {
      expected: `new Asset(${lit(host)}, ${lit(host)})`,
      suggestion: `new Asset(${get(host)}, ${get(host)})`,
      imports: ["Asset"],
    };
  }
  if (event.recordKind === "risk") {
    const title = first(event, sample, ["cve", "name", "id"]);
    // a finding about a host hangs off that host's asset, as in the pull kind
    const host = first(event, sample, ["hostname", "fqdn", "dns", "ip"]);
    const target = host ? `new Asset(${lit(host)}, ${lit(host)})` : "target";
    const targetNote = host ? `new Asset(${get(host)}, ${get(host)})` : "target";
    const severity = first(event, sample, ["severity"]);
    const state = event.riskState ?? "T";
    const letter = severity ? SEVERITY[severity.value.toLowerCase()] : undefined;
    const status = `${state}${letter ?? "I"}`;
    const statusNote = letter
      ? `"${state}" + the letter of ${accessor(severity!.path)} (I, L, M, H, C)`
      : `"${status}"`;
    return {
      expected: `new Risk(${target}, ${lit(title)}, ${stringLiteral(status)})`,
      suggestion: `new Risk(${targetNote}, ${get(title)}, ${statusNote}); state ${state} from the event's action`,
      imports: host ? ["Risk", "Asset"] : ["Risk"],
    };
  }
  const value = first(event, sample, ["name", "id"]);
  const name = stringLiteral(event.recordName.toLowerCase());
  return {
    expected: `new Attribute(${name}, ${lit(value)}, target)`,
    suggestion: `new Attribute(${name}, ${get(value)}, target)`,
    imports: ["Attribute"],
  };
}
