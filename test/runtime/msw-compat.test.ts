import { HttpResponse, http as mswHttp } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHttp, IntegrationError, unwrap } from "../../packages/runtime/src/index.js";
import { recordingSleep } from "./helpers/server.js";

// Generated integration tests mock the vendor with msw, which patches globalThis.fetch when
// `listen()` runs: after the client may already exist. The runtime must pick the patch up.
const BASE = "https://api.acme.test/v1";
let calls = 0;
const mock = setupServer(
  mswHttp.get(`${BASE}/hosts`, ({ request }) => {
    calls += 1;
    if (calls === 1)
      return new HttpResponse(null, { status: 429, headers: { "retry-after": "1" } });
    return HttpResponse.json({
      data: [{ ip: "8.8.8.8" }],
      auth: request.headers.get("authorization"),
    });
  }),
  mswHttp.get(`${BASE}/broken`, () => HttpResponse.json({ message: "down" }, { status: 503 })),
);

const { sleep, delays } = recordingSleep();
// Created before msw starts listening, on purpose.
const client = createHttp<Record<string, never>>({
  baseUrl: BASE,
  auth: { type: "bearer", token: "t0k" },
  rateLimit: false,
  retry: { sleep, retries: 2 },
});

beforeAll(() => mock.listen({ onUnhandledRequest: "error" }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

describe("msw compatibility", () => {
  it("routes through msw's patched fetch, with auth and a Retry-After retry", async () => {
    const result = await client.api.GET("/hosts" as never);
    const body = unwrap("listHosts", result as never) as { data: unknown[]; auth: string };
    expect(body).toEqual({ data: [{ ip: "8.8.8.8" }], auth: "Bearer t0k" });
    expect(delays).toEqual([1000]);
  });

  it("gives up on a persistent 503 with a retryable IntegrationError", async () => {
    const result = await client.api.GET("/broken" as never);
    expect(() => unwrap("getBroken", result as never)).toThrow(IntegrationError);
    expect(() => unwrap("getBroken", result as never)).toThrow(
      /getBroken failed with HTTP 503.*down/,
    );
  });
});
