/**
 * The payload a generated test delivers: every top-level field (the event's schema checks those),
 * nested values only along the paths the route and the field hints name, arrays empty. GitHub's
 * payloads run to thousands of lines; a test needs a dozen.
 */
import type { WebhookEventModel } from "../../model/types.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const MAX_HINTED = 12;

function setAt(root: Json, path: readonly string[], value: unknown): void {
  let node = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      if (!isObject(node[key])) node[key] = {};
      node = node[key] as Json;
    }
  });
}

function pick(value: unknown, paths: string[][]): unknown {
  if (Array.isArray(value)) return [];
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    const below = paths.filter((p) => p[0] === key).map((p) => p.slice(1));
    if (below.length === 0) continue;
    out[key] =
      below.some((p) => p.length === 0) && !isObject(inner)
        ? inner
        : pick(
            inner,
            below.filter((p) => p.length > 0),
          );
  }
  return out;
}

export function testSample(event: WebhookEventModel): Json {
  const source = isObject(event.sample) ? structuredClone(event.sample) : {};
  for (const field of event.route.fields) setAt(source, field.path, field.value);
  const paths = [
    ...event.route.fields.map((f) => f.path),
    ...event.fieldHints.slice(0, MAX_HINTED).map((h) => h.field.split(".")),
  ];
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (Array.isArray(value)) out[key] = [];
    else if (!isObject(value)) out[key] = value;
    else
      out[key] = pick(
        value,
        paths.filter((p) => p[0] === key && p.length > 1).map((p) => p.slice(1)),
      );
  }
  return out;
}
