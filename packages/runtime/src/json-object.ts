import { z } from "zod";

/**
 * A JSON object whose fields are not checked, for the nested objects of a record or a webhook
 * payload that capkit leaves open. It accepts what `z.record(z.string(), z.unknown())` accepts in
 * parsed JSON (an object, not an array or null) and fails with the same `invalid_type` issue, but
 * returns the object itself instead of copying it key by key on every parse.
 */
export function jsonObject(): z.ZodCustom<Record<string, unknown>, Record<string, unknown>> {
  return z.custom<Record<string, unknown>>().check((ctx) => {
    const value = ctx.value;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      ctx.issues.push({ code: "invalid_type", expected: "object", input: value });
    }
  });
}
