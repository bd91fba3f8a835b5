/**
 * The spec source as the manifest records it: a path relative to the integration folder (POSIX
 * separators), so the same spec given as `./x.yaml`, `../../x.yaml` or an absolute path, from any
 * working directory, records the same text; a URL as given, minus anything that authenticates.
 * `capkit update` reads the recorded source back with `resolveRecordedSource`.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";

const URL_SOURCE = /^https?:\/\//i;

/** Words of a query key whose value authenticates: `?token=…`, `api_key`, `X-Amz-Signature`, `sig`. */
const SECRET_WORDS = new Set([
  "auth",
  "authorization",
  "bearer",
  "code",
  "credential",
  "credentials",
  "jwt",
  "key",
  "pass",
  "passwd",
  "password",
  "pwd",
  "session",
  "sid",
  "sig",
  "signature",
  "secret",
  "token",
]);
const SECRET_PART = /token|secret|passw|apikey|signature|credential/i;

/** `X-Amz-Signature`, `apiKey`, `access_token`: split on separators and camel case. */
export function looksSecret(key: string): boolean {
  if (SECRET_PART.test(key)) return true;
  const words = key
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
  return words.some((w) => SECRET_WORDS.has(w));
}

export interface RecordedSource {
  source: string;
  /** Query parameters whose values were removed because they look like credentials. */
  redacted: string[];
}

/** What `.capkit.json` stores for the spec given as `input` to an integration in `outDir`. */
export function recordedSource(input: string, outDir: string, cwd: string): RecordedSource {
  if (URL_SOURCE.test(input)) return recordedUrl(input);
  const absolute = isAbsolute(input) ? input : resolve(cwd, input);
  const fromFolder = relative(resolve(outDir), absolute).split(sep).join("/");
  return { source: fromFolder === "" ? "." : fromFolder, redacted: [] };
}

function recordedUrl(input: string): RecordedSource {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { source: input.replace(/[?#].*$/, ""), redacted: [] };
  }
  url.username = "";
  url.password = "";
  url.hash = "";
  const redacted: string[] = [];
  for (const key of new Set(url.searchParams.keys())) {
    if (looksSecret(key)) {
      redacted.push(key);
      url.searchParams.delete(key);
    }
  }
  return { source: url.href, redacted };
}

/** The recorded source back as something `loadSpec` reads: URLs as they are, paths from the folder. */
export function resolveRecordedSource(recorded: string, outDir: string): string {
  if (URL_SOURCE.test(recorded)) return recorded;
  return resolve(outDir, recorded);
}
