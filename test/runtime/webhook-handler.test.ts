// on(): the schema it parses with is compiled (z.compile) — what a handler sees and what a bad
// payload is told must be exactly what the schema itself says, `__proto__` keys included.
import { describe, expect, it } from "vitest";
import { jsonObject, on, type WebhookDelivery, z } from "../../packages/runtime/src/index.js";

const Event = z.looseObject({
  action: z.string(),
  // what the generator writes for a nested object it leaves open; a record beside it
  alert: jsonObject(),
  installation: z.record(z.string(), z.unknown()).nullish(),
  sender: z.object({ login: z.string(), id: z.number().int() }),
});

const delivery: WebhookDelivery = {
  event: "alert/created",
  id: "d-1",
  header: () => undefined,
  signal: new AbortController().signal,
};

/** What on() hands the handler (or the issue it answers) for a body, beside the schema's own answer. */
function both(body: string) {
  let seen: unknown;
  const issue = on(Event, (payload) => {
    seen = payload;
  }).run(JSON.parse(body), delivery);
  if (issue instanceof Promise) throw new Error("a synchronous handler's run() returned a promise");
  const direct = Event.safeParse(JSON.parse(body));
  return { seen, issue, direct };
}

const shape = (value: unknown) => ({
  json: JSON.stringify(value),
  keys: Reflect.ownKeys(value as object),
  plain: Object.getPrototypeOf(value) === Object.prototype,
});

describe("on() parses with the compiled schema, with the schema's own results", () => {
  it.each([
    '{"action":"created","alert":{},"sender":{"login":"o","id":1}}',
    '{"action":"created","alert":{"n":1},"sender":{"login":"o","id":1},"installation":null,"x":[1]}',
    '{"action":"created","alert":{"__proto__":{"p":1}},"sender":{"login":"o","id":1},"__proto__":{"q":2}}',
  ])("valid %s", (body) => {
    const { seen, issue, direct } = both(body);
    expect(issue).toBeUndefined();
    expect(direct.success).toBe(true);
    expect(shape(seen)).toEqual(shape(direct.data));
    // what Zod does with a `__proto__` key, the compiled parse does too; nothing reaches Object's prototype
    expect("p" in {} || "q" in {}).toBe(false);
  });

  it.each([
    ['{"action":1,"alert":{},"sender":{"login":"o","id":1}}', "action: expected string"],
    ['{"action":"a","alert":[],"sender":{"login":"o","id":1}}', "alert: expected object"],
    ['{"action":"a","alert":{},"sender":{"login":"o","id":1.5}}', "sender.id: expected int"],
    ['{"action":"a","alert":{},"sender":{"login":"o","id":1},"installation":"i"}', "installation"],
    ["[]", "(payload): expected object"],
    ["null", "(payload): expected object"],
  ])("invalid %s", (body, expected) => {
    const { seen, issue, direct } = both(body);
    expect(seen).toBeUndefined();
    expect(direct.success).toBe(false);
    const first = direct.error?.issues[0];
    expect(issue?.issue).toContain(expected);
    expect(issue?.issue).toContain(first?.path.map(String).join(".") || "(payload)");
  });
});
