// The cached OAuth2 token is sealed (AES-256-GCM) with a key derived from the client secret before
// it goes to Redis: whoever can read Redis but not the secret gets nothing they can send. The key
// name is bound in as associated data, so a sealed token cannot be moved to another key.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { CachedToken } from "../oauth2.js";

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealKey(clientSecret: string, keyName: string): Buffer {
  return Buffer.from(hkdfSync("sha256", clientSecret, "capkit token cache", keyName, 32));
}

export function seal(token: CachedToken, key: Buffer, keyName: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(keyName));
  const body = Buffer.concat([cipher.update(JSON.stringify(token), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The token, or undefined when the value was sealed with another secret or is not ours. */
export function unseal(value: string, key: Buffer, keyName: string): CachedToken | undefined {
  try {
    const raw = Buffer.from(value, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(keyName))
      .setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
    const parsed = JSON.parse(text) as Partial<CachedToken>;
    if (typeof parsed.token !== "string" || typeof parsed.refreshAt !== "number") return undefined;
    return { token: parsed.token, refreshAt: parsed.refreshAt };
  } catch {
    return undefined;
  }
}
