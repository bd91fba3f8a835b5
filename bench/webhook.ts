// Webhook benchmark (issue 14): verify + parse + dispatch of a 25 KB GitHub delivery, capkit's
// receiver against @octokit/webhooks' verifyAndReceive in the same run, interleaved; and the time
// to generate a receiver from GitHub's 4.8 MB webhook description. Run: `npm run bench:webhook`.
import { createHmac } from "node:crypto";
import { Webhooks } from "@octokit/webhooks";
import {
  type CapabilityInfo,
  createJob,
  createReplayStore,
  Integration,
  on,
  WebhookCapability,
  type WebhookRoute,
  z,
} from "../packages/runtime/src/index.js";
import { generateReceiver } from "../src/generate/receiver.js";

const SPEC = "node_modules/@octokit/openapi-webhooks/generated/api.github.com.json";
const SECRET = "bench-webhook-secret-5d41402abc4b2a76";
const DELIVERIES = 20_000;
const ROUNDS = 40;
const WARMUP = 2_000;

/** A dependabot_alert "created" delivery padded, as real ones are, to about 25 KB. */
function payload(): string {
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

const Alert = z.looseObject({
  action: z.string(),
  alert: z.record(z.string(), z.unknown()),
  repository: z.record(z.string(), z.unknown()),
  sender: z.record(z.string(), z.unknown()),
});

/** What `capkit generate --signature github` writes for this event, in one class. */
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
    return [
      {
        event: "dependabot-alert/created",
        headers: { "x-github-event": "dependabot_alert" },
        fields: [{ path: ["action"], value: "created" }],
      },
    ];
  }
  protected override handlers() {
    return {
      // the same work as the peer's handler: count the event (the transform is the engineer's)
      "dependabot-alert/created": on(Alert, () => {
        this.handled++;
      }),
    };
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function deliveries(): Promise<void> {
  const body = payload();
  const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  const receiver = new Receiver(
    createJob({ secret: { webhookSecret: SECRET } }),
    new Integration("bench", "x"),
    {
      replay: createReplayStore({ maxEntries: 50_000 }),
    },
  );
  const octokit = new Webhooks({ secret: SECRET });
  let peerHandled = 0;
  octokit.on("dependabot_alert.created", () => {
    peerHandled++;
  });
  let n = 0;
  const capkit = async () => {
    const id = `d-${n++}`;
    const response = await receiver.receive({
      body,
      headers: {
        "x-github-event": "dependabot_alert",
        "x-github-delivery": id,
        "x-hub-signature-256": signature,
        "content-type": "application/json",
      },
    });
    if (response.status !== 200) throw new Error(`capkit answered ${response.status}`);
  };
  const peer = async () => {
    await octokit.verifyAndReceive({
      id: `d-${n++}`,
      name: "dependabot_alert",
      payload: body,
      signature,
    });
  };
  for (let i = 0; i < WARMUP; i++) {
    await capkit();
    await peer();
  }
  const times = { capkit: [] as number[], peer: [] as number[] };
  const total = { capkit: 0, peer: 0 };
  const per = DELIVERIES / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of [
      ["capkit", capkit],
      ["peer", peer],
    ] as const) {
      const start = performance.now();
      for (let i = 0; i < per; i++) {
        const t = performance.now();
        await fn();
        times[name].push(performance.now() - t);
      }
      total[name] += performance.now() - start;
    }
  }
  if (receiver.handled < DELIVERIES || peerHandled < DELIVERIES)
    throw new Error("a delivery was not dispatched");
  const line = (name: "capkit" | "peer", label: string) => {
    const sorted = times[name].sort((a, b) => a - b);
    const rate = DELIVERIES / (total[name] / 1000);
    return {
      rate,
      text: `${label.padEnd(34)} ${rate.toFixed(0).padStart(7)} deliveries/s   p50 ${percentile(sorted, 50).toFixed(3)} ms   p99 ${percentile(sorted, 99).toFixed(3)} ms`,
    };
  };
  const ours = line("capkit", "capkit WebhookCapability.receive");
  const theirs = line("peer", "@octokit/webhooks verifyAndReceive");
  const p99 = percentile(times.capkit, 99);
  process.stdout.write(
    `Delivery: ${(Buffer.byteLength(body) / 1024).toFixed(1)} KB, ${DELIVERIES} each, interleaved in ${ROUNDS} rounds\n`,
  );
  process.stdout.write(`${ours.text}\n${theirs.text}\n`);
  process.stdout.write(
    `throughput ratio capkit/octokit: ${(ours.rate / theirs.rate).toFixed(2)}x (target ≥ 1.00)\n`,
  );
  process.stdout.write(
    `p99 target ≤ 1 ms: ${p99 <= 1 ? "met" : "missed"} (${p99.toFixed(3)} ms)\n`,
  );
}

async function generation(): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await generateReceiver({
      spec: SPEC,
      name: "github",
      events: [
        "code-scanning-alert/created",
        "code-scanning-alert/fixed",
        "secret-scanning-alert/created",
        "dependabot-alert/created",
        "dependabot-alert/dismissed",
      ],
      signature: "github",
      out: "integrations/bench-github-webhook",
      dryRun: true,
    });
    runs.push(performance.now() - start);
  }
  const [first, ...warm] = runs;
  process.stdout.write(
    `Generation from the 4.8 MB description (5 events, formatted, dry run): first ${first!.toFixed(0)} ms, then ${warm.map((t) => t.toFixed(0)).join(" / ")} ms (target ≤ 1000 ms)\n`,
  );
}

await deliveries();
await generation();
