import { CapkitError } from "../errors.js";
import { isObject, type JsonObject } from "../openapi/pointer.js";
import type { OpenAPIV3Document } from "../openapi/types.js";
import type { AuthModel, ModelWarning } from "./types.js";

interface Candidate {
  rank: number;
  auth: AuthModel;
  warning?: ModelWarning;
}

/**
 * The auth strategy, by preference (brief): OAuth2 client credentials, bearer, API key in a header,
 * API key in the query or a cookie, basic. Flows that need a browser (implicit, authorization code,
 * OpenID Connect) become bearer: the user supplies the token. None declared ⇒ bearer, flagged.
 */
export function detectAuth(
  document: OpenAPIV3Document,
  used: readonly JsonObject[],
  wanted?: AuthModel["kind"],
): { auth: AuthModel; declared: boolean; warnings: ModelWarning[] } {
  const schemes = isObject(document.components?.securitySchemes)
    ? document.components.securitySchemes
    : {};
  const named = namedSchemes(document, used).filter((n) => Object.hasOwn(schemes, n));
  const names = named.length > 0 ? named : Object.keys(schemes);
  const candidates = names
    .map((name) => candidate(name, schemes[name]))
    .filter((c): c is Candidate => c !== undefined)
    .sort((a, b) => a.rank - b.rank);
  if (wanted !== undefined) return chosenKind(candidates, wanted, names.length > 0);
  const best = candidates[0];
  if (!best) {
    return {
      auth: { kind: "bearer", schemeName: "bearer" },
      declared: false,
      warnings: [
        {
          code: "AUTH_NOT_DECLARED",
          message:
            "The document declares no usable security scheme; the integration sends a bearer token. Confirm, or choose another auth kind.",
          pointer: "#/components/securitySchemes",
        },
      ],
    };
  }
  return { auth: best.auth, declared: true, warnings: best.warning ? [best.warning] : [] };
}

function chosenKind(candidates: Candidate[], kind: AuthModel["kind"], declared: boolean) {
  const match = candidates.find((c) => c.auth.kind === kind);
  if (match)
    return { auth: match.auth, declared: true, warnings: match.warning ? [match.warning] : [] };
  if (kind === "none") return { auth: { kind: "none" } as AuthModel, declared, warnings: [] };
  if (kind === "bearer")
    return {
      auth: { kind: "bearer", schemeName: "bearer" } as AuthModel,
      declared: false,
      warnings: [],
    };
  throw new CapkitError(
    "MODEL_AUTH_UNAVAILABLE",
    `Auth "${kind}" was asked for, but the document declares no such security scheme (#/components/securitySchemes). Declared: ${candidates.map((c) => c.auth.kind).join(", ") || "none"}.`,
    { where: "#/components/securitySchemes", exitCode: 2 },
  );
}

function namedSchemes(document: OpenAPIV3Document, used: readonly JsonObject[]): string[] {
  const out: string[] = [];
  const add = (security: unknown): void => {
    if (!Array.isArray(security)) return;
    for (const requirement of security) {
      if (isObject(requirement))
        for (const name of Object.keys(requirement)) if (!out.includes(name)) out.push(name);
    }
  };
  add(document.security);
  for (const op of used) add(op.security);
  return out;
}

function candidate(name: string, raw: unknown): Candidate | undefined {
  if (!isObject(raw)) return undefined;
  const pointer = `#/components/securitySchemes/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  const type = String(raw.type ?? "").toLowerCase();
  if (type === "oauth2") {
    const flows = isObject(raw.flows) ? raw.flows : {};
    const cc = flows.clientCredentials;
    if (isObject(cc) && typeof cc.tokenUrl === "string") {
      const scopes = isObject(cc.scopes) ? Object.keys(cc.scopes) : [];
      return {
        rank: 0,
        auth: { kind: "oauth2ClientCredentials", schemeName: name, tokenUrl: cc.tokenUrl, scopes },
      };
    }
    return userToken(name, pointer, `OAuth2 (${Object.keys(flows).join(", ") || "no flows"})`);
  }
  if (type === "openidconnect") return userToken(name, pointer, "OpenID Connect");
  if (type === "http") {
    const scheme = String(raw.scheme ?? "").toLowerCase();
    if (scheme === "bearer") {
      const auth: AuthModel = { kind: "bearer", schemeName: name };
      if (typeof raw.bearerFormat === "string") auth.format = raw.bearerFormat;
      return { rank: 1, auth };
    }
    if (scheme === "basic") return { rank: 4, auth: { kind: "basic", schemeName: name } };
    return undefined;
  }
  if (type === "apikey" && typeof raw.name === "string") {
    const where = raw.in === "query" || raw.in === "cookie" ? raw.in : "header";
    return {
      rank: where === "header" ? 2 : 3,
      auth: { kind: "apiKey", schemeName: name, in: where, name: raw.name },
    };
  }
  return undefined;
}

function userToken(name: string, pointer: string, what: string): Candidate {
  return {
    rank: 5,
    auth: { kind: "bearer", schemeName: name },
    warning: {
      code: "AUTH_USER_TOKEN",
      message: `${what} needs a browser or a user; the integration sends a bearer token the user supplies.`,
      pointer,
    },
  };
}
