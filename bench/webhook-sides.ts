// The two sides of bench/webhook.ts: one 25 KB GitHub delivery, capkit's receiver as
// `capkit generate --signature github` writes it, and @octokit/webhooks set up for the same event.
// Both sides run their published JavaScript: capkit's runtime from its build (dist/), as a user's
// installed @capkit/runtime, not its TypeScript through tsx.
import { createHmac } from "node:crypto";
import { createWebMiddleware, Webhooks } from "@octokit/webhooks";
import {
  type CapabilityInfo,
  createJob,
  type EventHandler,
  Integration,
  jsonObject,
  on,
  WebhookCapability,
  type WebhookRoute,
  z,
} from "../packages/runtime/dist/index.js";

const SECRET = "bench-webhook-secret-5d41402abc4b2a76";
const URL = "http://localhost/api/github/webhooks";

/** A dependabot_alert "created" delivery padded, as real ones are, to about 25 KB. */
export function payload(): string {
  const advisory = {
    ghsa_id: "GHSA-xxxx-yyyy-zzzz",
    cve_id: "CVE-2024-3094",
    severity: "critical",
    summary: "xz backdoor",
  };
  const user = (i: number) => ({
    login: `user-${i}`,
    id: i,
    node_id: `U_${i}`,
    html_url: `https://github.com/user-${i}`,
    type: "User",
    site_admin: false,
  });
  const body = {
    action: "created",
    alert: {
      number: 42,
      state: "open",
      security_advisory: advisory,
      html_url: "https://github.com/o/r/security/dependabot/42",
      dependency: { package: { ecosystem: "npm", name: "xz" }, manifest_path: "package-lock.json" },
    },
    repository: {
      id: 1,
      full_name: "octo/repo",
      private: false,
      owner: user(1),
      topics: [] as string[],
      description: "",
    },
    sender: user(2),
  };
  const text = JSON.stringify(body);
  body.repository.topics = Array.from(
    { length: Math.ceil((25_600 - text.length) / 21) },
    (_, i) => `topic-${String(i).padStart(12, "0")}`,
  );
  return JSON.stringify(body);
}

// What the generator writes for dependabot-alert/created from @octokit/openapi-webhooks
// (github_webhook_types.ts): the routes as a constant, the payload's top level checked.
const ROUTES: readonly WebhookRoute[] = [
  {
    event: "dependabot-alert/created",
    headers: { "x-github-event": "dependabot_alert" },
    fields: [{ path: ["action"], value: "created" }],
  },
];
const DependabotAlertCreatedEvent = z.looseObject({
  action: z.string(),
  alert: jsonObject(),
  installation: jsonObject().nullish(),
  organization: jsonObject().nullish(),
  enterprise: jsonObject().nullish(),
  repository: jsonObject(),
  sender: jsonObject(),
});

/** The generated receiver's shape, in one class; its handler counts (the transform is the engineer's). */
class Receiver extends WebhookCapability {
  static override readonly info: CapabilityInfo = {
    name: "bench",
    title: "Bench",
    description: "bench",
    surface: "external",
  };
  override readonly signature = "github";
  handled = 0;
  protected override routes(): readonly WebhookRoute[] {
    return ROUTES;
  }
  protected override handlers(): Readonly<Record<string, EventHandler>> {
    return {
      "dependabot-alert/created": on(DependabotAlertCreatedEvent, () => {
        this.handled++;
      }),
    };
  }
}

export type Side = () => Promise<void>;

/**
 * Both sides, fed the same body and the same signature, each delivery with a new id (so capkit's
 * replay store, the default one, holds ids as it would in production). `text`: the body as a
 * string, capkit's `receive()` against the peer's `verifyAndReceive()`. `web`: the same web
 * `Request`, capkit's `handle()` against the peer's `createWebMiddleware`, each answering a
 * `Response` whose body is read, as a server would.
 */
export function sides() {
  const body = payload();
  const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  const receiver = new Receiver(
    createJob({ secret: { webhookSecret: SECRET } }),
    new Integration("bench", "x"),
  );
  const octokit = new Webhooks({ secret: SECRET });
  let peerHandled = 0;
  octokit.on("dependabot_alert.created", () => {
    peerHandled++;
  });
  const middleware = createWebMiddleware(octokit);
  let n = 0;
  const length = String(Buffer.byteLength(body));
  const headers = (id: string) => ({
    "content-type": "application/json",
    "content-length": length,
    "user-agent": "GitHub-Hookshot/bench",
    "x-github-event": "dependabot_alert",
    "x-github-delivery": id,
    "x-hub-signature-256": signature,
  });
  const request = () =>
    new Request(URL, { method: "POST", headers: headers(`d-${n++}`), body: Buffer.from(body) });
  const answered = async (response: Response | undefined, who: string) => {
    if (response?.status !== 200) throw new Error(`${who} answered ${response?.status}`);
    await response.text();
  };
  return {
    bytes: Buffer.byteLength(body),
    handled: () => ({ capkit: receiver.handled, peer: peerHandled }),
    text: {
      capkit: async () => {
        const outcome = await receiver.receive({ body, headers: headers(`d-${n++}`) });
        if (outcome.status !== 200) throw new Error(`capkit answered ${outcome.status}`);
      },
      peer: async () => {
        await octokit.verifyAndReceive({
          id: `d-${n++}`,
          name: "dependabot_alert",
          payload: body,
          signature,
        });
      },
    },
    /** A fresh Request per delivery, made before the clock starts: its body can be read once. */
    web: {
      request,
      capkit: async (req: Request) => answered(await receiver.handle(req), "capkit"),
      peer: async (req: Request) => answered(await middleware(req), "peer"),
    },
  };
}
