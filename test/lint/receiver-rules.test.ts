// The receiver kind in the two rules that know it: webhook-verify and file-layout.
import { ruleTable } from "./helpers.js";

const DIR = "integrations/hooks";
const RECEIVER = `${DIR}/hooks_webhook.ts`;
const manifest = JSON.stringify({ service: "hooks", kind: "receiver", files: {} });

const receiver = (members: string) =>
  `import { type EventHandler, WebhookCapability, type WebhookRoute } from "@capkit/runtime";
export class HooksWebhook extends WebhookCapability {
  override readonly signature = "github";
  protected override routes(): readonly WebhookRoute[] {
    return [];
  }
  protected override handlers(): Readonly<Record<string, EventHandler>> {
    return {};
  }
${members}
}
`;

const folder = (main: string) => ({
  [`${DIR}/.capkit.json`]: manifest,
  [RECEIVER]: main,
  [`${DIR}/hooks_webhook_types.ts`]: "export const ROUTES = [];\n",
  [`${DIR}/hooks_webhook_transform.ts`]: "export {};\n",
  [`${DIR}/hooks_webhook.test.ts`]: "export {};\n",
});

ruleTable("webhook-verify", {
  valid: [
    { name: "a receiver that leaves handle() to the verifying base", files: folder(receiver("")) },
    {
      name: "a receiver whose handle() calls super.handle() first",
      files: folder(
        receiver(
          "  override async handle(request: Request): Promise<Response> {\n    const response = await super.handle(request);\n    return response;\n  }",
        ),
      ),
    },
  ],
  invalid: [
    {
      name: "a receiver whose handle() parses the body itself",
      files: folder(
        receiver(
          "  override async handle(request: Request): Promise<Response> {\n    const event = await request.json();\n    return Response.json(event);\n  }",
        ),
      ),
      errors: [{ file: RECEIVER, line: 10, column: 18 }],
    },
    {
      name: "a receiver that parses before super.handle()",
      files: folder(
        receiver(
          "  override async handle(request: Request): Promise<Response> {\n    const event = await request.clone().json();\n    void event;\n    return super.handle(request);\n  }",
        ),
      ),
      errors: [{ file: RECEIVER, line: 11, column: 25 }],
    },
  ],
});

ruleTable("file-layout", {
  valid: [{ name: "a complete receiver folder", files: folder(receiver("")) }],
  invalid: [
    {
      name: "a receiver without its test",
      files: { ...folder(receiver("")), [`${DIR}/hooks_webhook.test.ts`]: undefined },
      errors: [{ file: `${DIR}/.capkit.json`, line: 1, column: 1 }],
    },
  ],
});
