import { describe, expect, it } from "vitest";
import {
  createHttp,
  type HttpOptions,
  OptionsError,
  RateLimiter,
} from "../../packages/runtime/src/index.js";

const base = { baseUrl: "https://api.example.com" };

describe("invalid options throw at construction, naming the option and the accepted values", () => {
  it.each<[string, unknown, string]>([
    ["missing baseUrl", {}, "Expected `baseUrl` to be an absolute http(s) URL."],
    ["relative baseUrl", { baseUrl: "/v1" }, "Expected `baseUrl` to be an absolute http(s) URL."],
    ["ftp baseUrl", { baseUrl: "ftp://x" }, "Expected `baseUrl` to be an absolute http(s) URL."],
    [
      "negative retries",
      { ...base, retry: { retries: -1 } },
      "Expected `retry.retries` to be a non-negative integer.",
    ],
    [
      "fractional retries",
      { ...base, retry: { retries: 1.5 } },
      "Expected `retry.retries` to be a non-negative integer.",
    ],
    [
      "zero baseDelayMs",
      { ...base, retry: { baseDelayMs: 0 } },
      "Expected `retry.baseDelayMs` to be a positive number.",
    ],
    [
      "negative maxElapsedMs",
      { ...base, retry: { maxElapsedMs: -5 } },
      "Expected `retry.maxElapsedMs` to be a positive number.",
    ],
    [
      "bad statuses",
      { ...base, retry: { statuses: ["503"] } },
      "Expected `retry.statuses` to be an array of HTTP statuses.",
    ],
    [
      "negative rate",
      { ...base, rateLimit: { requestsPerSecond: -1 } },
      "Expected `rateLimit.requestsPerSecond` to be a positive number.",
    ],
    [
      "zero burst",
      { ...base, rateLimit: { requestsPerSecond: 1, burst: 0 } },
      "Expected `rateLimit.burst` to be a positive number.",
    ],
    [
      "negative timeout",
      { ...base, timeoutMs: -1 },
      "Expected `timeoutMs` to be a non-negative number.",
    ],
    [
      "unknown auth scheme",
      { ...base, auth: { type: "digest" } },
      'Expected `auth.type` to be one of: "none", "apiKey", "bearer", "basic", "oauth2ClientCredentials"; got "digest".',
    ],
    [
      "missing bearer token",
      { ...base, auth: { type: "bearer", token: "" } },
      "Expected `auth.token` to be a non-empty string.",
    ],
    [
      "apiKey in the body",
      { ...base, auth: { type: "apiKey", in: "body", name: "k", value: "v" } },
      'Expected `auth.in` to be one of: "header", "query", "cookie"; got "body".',
    ],
    [
      "apiKey without value",
      { ...base, auth: { type: "apiKey", in: "header", name: "k" } },
      "Expected `auth.value` to be a non-empty string.",
    ],
    [
      "basic without username",
      { ...base, auth: { type: "basic", password: "p" } },
      "Expected `auth.username` to be a non-empty string.",
    ],
    [
      "oauth2 without secret",
      {
        ...base,
        auth: { type: "oauth2ClientCredentials", tokenUrl: "https://t/token", clientId: "c" },
      },
      "Expected `auth.clientSecret` to be a non-empty string.",
    ],
    [
      "oauth2 with a relative token URL",
      {
        ...base,
        auth: {
          type: "oauth2ClientCredentials",
          tokenUrl: "/token",
          clientId: "c",
          clientSecret: "s",
        },
      },
      "Expected `auth.tokenUrl` to be an absolute http(s) URL.",
    ],
  ])("%s", (_name, options, message) => {
    let error: unknown;
    try {
      createHttp(options as HttpOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionsError);
    expect((error as Error).message).toBe(message);
  });

  it("never echoes a secret value in an options error", () => {
    const secret = "sk_live_should_not_leak";
    expect(() =>
      createHttp({ ...base, auth: { type: "apiKey", in: "header", name: "", value: secret } }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) as unknown }));
  });

  it("accepts valid options", () => {
    expect(() =>
      createHttp({ ...base, retry: false, rateLimit: false, timeoutMs: 0 }),
    ).not.toThrow();
    expect(() => new RateLimiter({ requestsPerSecond: 0.5 })).not.toThrow();
  });
});
