// Where a request may go, and where credentials may go. Credentials go only to the configured
// API origin (scheme, host and port all equal); another origin is fetched bare, or refused when
// the integration lists `allowedOrigins`; https never falls back to http.
import { IntegrationError, OptionsError } from "./errors.js";
import { sanitizeUrl } from "./sanitize.js";
import { maskSecrets } from "./secrets.js";
import { expectAbsoluteHttpUrl } from "./validate.js";

export interface OriginPolicy {
  /** The API's origin, e.g. `https://api.acme.com`: the only one that receives credentials. */
  readonly api: string;
  /**
   * Undefined, or the error refusing a request to `url` (`from`: the hop before, for redirects;
   * `secrets`: values to mask in the URL the message shows).
   */
  refuse(
    url: URL,
    operation: string,
    from?: URL,
    secrets?: readonly string[],
  ): IntegrationError | undefined;
}

/** Validates `allowedOrigins` (each an http(s) origin) against the API's base URL. */
export function createOriginPolicy(
  baseUrl: URL,
  allowedOrigins: readonly string[] | undefined,
  option = "allowedOrigins",
): OriginPolicy {
  const api = baseUrl.origin;
  const secure = baseUrl.protocol === "https:";
  const allowed = allowedOrigins === undefined ? undefined : expectOrigins(option, allowedOrigins);
  return {
    api,
    refuse(url, operation, from, secrets = []) {
      let code: string | undefined;
      let why = "";
      if (url.protocol !== "https:" && url.protocol !== "http:") {
        [code, why] = ["REDIRECT_REFUSED", `${url.protocol} is not http(s)`];
      } else if (url.protocol === "http:" && (secure || from?.protocol === "https:")) {
        [code, why] = ["DOWNGRADE_REFUSED", "https must not fall back to http"];
      } else if (allowed && url.origin !== api && !allowed.has(url.origin)) {
        [code, why] = ["ORIGIN_REFUSED", "that origin is not in allowedOrigins"];
      }
      if (code === undefined) return undefined;
      const where = maskSecrets(sanitizeUrl(url.href), secrets);
      return new IntegrationError(code, `${operation}: refused to fetch ${where}: ${why}`, {
        operation,
        retryable: false,
      });
    },
  };
}

function expectOrigins(option: string, values: readonly string[]): Set<string> {
  if (!Array.isArray(values)) {
    throw new OptionsError(option, `Expected \`${option}\` to be an array of origins.`);
  }
  return new Set(values.map((value, i) => expectAbsoluteHttpUrl(`${option}[${i}]`, value).origin));
}
