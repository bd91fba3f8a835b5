/** The `auth` option the main file passes to `this.http(...)`, and the credentials it reads. */
import type { AuthModel } from "../../model/types.js";
import { stringLiteral } from "../safe-text.js";

export interface AuthCode {
  /** A TypeScript object literal of the runtime's `Auth` type. */
  code: string;
  /** Keys of `job.secret` the capability needs: its `credentialParams()`. */
  credentials: string[];
}

const secret = (name: string) => `this.secret(${stringLiteral(name)})`;

export function authCode(auth: AuthModel): AuthCode {
  switch (auth.kind) {
    case "none":
      return { code: `{ type: "none" }`, credentials: [] };
    case "bearer":
      return { code: `{ type: "bearer", token: ${secret("token")} }`, credentials: ["token"] };
    case "apiKey":
      return {
        code: `{ type: "apiKey", in: ${stringLiteral(auth.in)}, name: ${stringLiteral(auth.name)}, value: ${secret("apiKey")} }`,
        credentials: ["apiKey"],
      };
    case "basic":
      return {
        code: `{ type: "basic", username: ${secret("username")}, password: ${secret("password")} }`,
        credentials: ["username", "password"],
      };
    case "oauth2ClientCredentials":
      return {
        code: [
          "{",
          `          type: "oauth2ClientCredentials",`,
          `          tokenUrl: ${stringLiteral(auth.tokenUrl)},`,
          `          clientId: ${secret("clientId")},`,
          `          clientSecret: ${secret("clientSecret")},`,
          `          scopes: [${auth.scopes.map((s) => stringLiteral(s)).join(", ")}],`,
          "        }",
        ].join("\n"),
        credentials: ["clientId", "clientSecret"],
      };
  }
}
