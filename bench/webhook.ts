// Webhook benchmark (issue 14): verify + parse + dispatch of a 25 KB GitHub delivery, capkit's
// receiver against @octokit/webhooks in the same run, in interleaved rounds; and the time to
// generate a receiver from GitHub's 4.8 MB webhook description. Run: `npm run bench:webhook`.
//
// Two forms of the same delivery. The target is read on the first, the one the issue names:
// the body as a string, `receive()` against `verifyAndReceive()`. The second is what a
// web-standard server hands each side: one `Request` in, a `Response` out (and read).
import { generateReceiver } from "../src/generate/receiver.js";
import { type Contender, interleave, loadLine, percentile, report } from "./webhook-compare.js";
import { sides } from "./webhook-sides.js";

const SPEC = "node_modules/@octokit/openapi-webhooks/generated/api.github.com.json";
// Past the default replay store's 10,000 ids, so every round meets it full, as a server does.
const WARMUP = 12_000;
const TEXT = { rounds: 40, perRound: 500, warmup: WARMUP };
const WEB = { rounds: 20, perRound: 250, warmup: 2_000 };

async function deliveries(): Promise<void> {
  const bench = sides();
  const none = () => undefined;
  const text: [Contender<undefined>, Contender<undefined>] = [
    { label: "capkit WebhookCapability.receive", input: none, run: bench.text.capkit },
    { label: "@octokit/webhooks verifyAndReceive", input: none, run: bench.text.peer },
  ];
  const web: [Contender<Request>, Contender<Request>] = [
    { label: "capkit WebhookCapability.handle", input: bench.web.request, run: bench.web.capkit },
    {
      label: "@octokit/webhooks createWebMiddleware",
      input: bench.web.request,
      run: bench.web.peer,
    },
  ];
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `Delivery: ${(bench.bytes / 1024).toFixed(1)} KB, same body and signature on both sides; ${loadLine()} at the start`,
  );
  const textRun = await interleave(...text, TEXT);
  const webRun = await interleave(...web, WEB);
  const total = (plan: typeof TEXT) => plan.warmup + plan.rounds * plan.perRound;
  const handled = bench.handled();
  if (Math.min(handled.capkit, handled.peer) < total(TEXT) + total(WEB))
    throw new Error("a delivery was not dispatched");
  out(
    `Body as a string, ${TEXT.rounds} interleaved rounds of ${TEXT.perRound} after ${TEXT.warmup} each to warm up (median per round, min, max):`,
  );
  for (const line of report(...text, textRun)) out(line);
  out(`Web Request in, Response out, ${WEB.rounds} rounds of ${WEB.perRound}:`);
  for (const line of report(...web, webRun)) out(line);
  const ratio = percentile(
    textRun[0].wallRates.map((v, i) => v / (textRun[1].wallRates[i] ?? Number.NaN)),
    50,
  );
  const p99 = percentile(textRun[0].latencies, 99);
  out(
    `throughput ratio capkit/octokit (string body, median round): ${ratio.toFixed(2)}x (target ≥ 1.00)`,
  );
  out(
    `p99 target ≤ 1 ms: ${p99 <= 1 ? "met" : "missed"} (${p99.toFixed(3)} ms); ${loadLine()} at the end`,
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
