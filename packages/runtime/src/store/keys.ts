import { createHash } from "node:crypto";
import type { Auth } from "../auth.js";

/**
 * A short, stable name for secret material (128 bits of SHA-256, base64url). Keys in Redis carry
 * this, never the credential: anyone who can read Redis learns which budget is which, not the key.
 */
export function digest(...parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("base64url").slice(0, 22);
}

/** What identifies the credential of a client (hashed by the caller; this is never stored). */
export function credentialMaterial(auth: Auth | undefined): string {
  if (auth === undefined) return "none";
  switch (auth.type) {
    case "none":
      return "none";
    case "apiKey":
      return `apiKey\0${auth.in}\0${auth.name}\0${auth.value}`;
    case "bearer":
      return `bearer\0${auth.token}`;
    case "basic":
      return `basic\0${auth.username}\0${auth.password}`;
    case "oauth2ClientCredentials":
      // The client, not its current token: every token of one client draws from one budget.
      return `oauth2\0${auth.tokenUrl}\0${auth.clientId}`;
  }
}
