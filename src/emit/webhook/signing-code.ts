/**
 * The generated test's `sign()`: builds a delivery's signature headers the way the vendor does,
 * with node:crypto only, so the test proves the receiver against the documented recipe rather
 * than against the runtime's own code.
 */

export interface SigningCode {
  /** Body of `function sign(body: string, o: SignOptions): Record<string, string>`. */
  body: string;
  /** A secret of the shape the scheme expects (Standard Webhooks: `whsec_` + base64). */
  secret: string;
  wrongSecret: string;
  /** Whether the scheme signs a timestamp (an expired delivery can be tested). */
  timestamped: boolean;
  /** Whether the signature covers the body (Okta's shared secret does not). */
  coversBody: boolean;
}

/** A template literal of generated code: `tpl("o.id", ".", "body")` is `` `${o.id}.${body}` ``. */
function tpl(...parts: string[]): string {
  const text = parts.map((p, i) => (i % 2 === 0 ? `${"$"}{${p}}` : p)).join("");
  return `\`${text}\``;
}

const hmac = (key: string, data: string, enc: "hex" | "base64") =>
  `createHmac("sha256", ${key}).update(${data}).digest(${JSON.stringify(enc)})`;

export function signingCode(signature: string): SigningCode {
  const plain = {
    secret: "capkit-test-webhook-secret-5d41402a",
    wrongSecret: "capkit-wrong-secret",
  };
  switch (signature) {
    case "github":
      return {
        ...plain,
        timestamped: false,
        coversBody: true,
        body: `return { "x-hub-signature-256": \`sha256=\${o.alter(${hmac("o.secret", "body", "hex")})}\`, "x-github-delivery": o.id };`,
      };
    case "stripe":
      return {
        secret: "whsec_capkit_test_5d41402abc4b2a76",
        wrongSecret: "whsec_capkit_wrong",
        timestamped: true,
        coversBody: true,
        body: `return { "stripe-signature": \`t=\${o.timestamp},v1=\${o.alter(${hmac("o.secret", tpl("o.timestamp", ".", "body"), "hex")})}\` };`,
      };
    case "slack":
      return {
        ...plain,
        timestamped: true,
        coversBody: true,
        body: `return {\n    "x-slack-request-timestamp": String(o.timestamp),\n    "x-slack-signature": \`v0=\${o.alter(${hmac("o.secret", `\`v0:${tpl("o.timestamp", ":", "body").slice(1)}`, "hex")})}\`,\n  };`,
      };
    case "standard":
      return {
        secret: `whsec_${Buffer.from("capkit-test-standard-webhook-key").toString("base64")}`,
        wrongSecret: `whsec_${Buffer.from("capkit-wrong-key").toString("base64")}`,
        timestamped: true,
        coversBody: true,
        body: [
          'const key = Buffer.from(o.secret.replace(/^whsec_/, ""), "base64");',
          `  const signature = ${hmac("key", tpl("o.id", ".", "o.timestamp", ".", "body"), "base64")};`,
          `  return { "webhook-id": o.id, "webhook-timestamp": String(o.timestamp), "webhook-signature": \`v1,${"$"}{o.alter(signature)}\` };`,
        ].join("\n"),
      };
    case "okta":
      return {
        ...plain,
        timestamped: false,
        coversBody: false,
        body: "return { authorization: o.alter(o.secret) };",
      };
    default: {
      const [, header = "x-signature", enc = "hex"] = signature.split(":");
      return {
        ...plain,
        timestamped: false,
        coversBody: true,
        body: `return { ${JSON.stringify(header.toLowerCase())}: o.alter(${hmac("o.secret", "body", enc === "base64" ? "base64" : "hex")}) };`,
      };
    }
  }
}
