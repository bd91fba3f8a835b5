/**
 * The receiver half of `npx plop integration`: which kind to generate when a document has both
 * operations and webhooks, the event picker (type to filter, as the operation picker), the
 * signature scheme, and the action that generates a receiver.
 */
import type { LoadedSpec } from "../src/openapi/index.js";
import type { WebhookSummary } from "../src/openapi/select-webhooks.js";
import { atLeastOne, commaList, type SearchChoice } from "./search-checkbox.js";

export type Kind = "pull" | "receiver";

export interface KindSession {
  loaded: LoadedSpec | undefined;
  operations: readonly unknown[];
  webhooks: WebhookSummary[];
  signature: string | undefined;
}

export interface ReceiverAnswers {
  name: string;
  spec: string;
  kind?: Kind;
  events?: string[];
  signature?: string;
  out: string;
}

/** The kind asked for, or the only one the document allows. */
export function kindOf(session: KindSession, answers: { kind?: Kind }): Kind {
  return (
    answers.kind ??
    (session.operations.length === 0 && session.webhooks.length > 0 ? "receiver" : "pull")
  );
}

const PRESETS = ["github", "stripe", "slack", "standard", "okta"];

export function kindPrompts(session: KindSession) {
  const receiver = (answers: { kind?: Kind }) => kindOf(session, answers) === "receiver";
  return {
    kind: {
      type: "list",
      name: "kind",
      message: "This document has operations and webhooks. Generate:",
      choices: [
        { name: "a pull integration (pages through the API)", value: "pull" },
        {
          name: "a webhook receiver (verifies and handles the vendor's events)",
          value: "receiver",
        },
      ],
      when: () => session.operations.length > 0 && session.webhooks.length > 0,
    },
    events: {
      type: "capkit-checkbox",
      name: "events",
      message: "Webhook events (the likely risk and asset sources are selected):",
      when: receiver,
      choices: () => eventChoices(session),
      bypass: commaList,
      validate: atLeastOne("event"),
    },
    signature: {
      type: "input",
      name: "signature",
      message: `Signature scheme (${PRESETS.join(", ")}, or hmac-sha256:<header>[:hex|base64]):`,
      when: receiver,
      default: () => session.signature ?? "",
      validate: async (value: string) => {
        const { signatureProblem } = await import("../src/openapi/signature-preset.js");
        return signatureProblem(value) ?? true;
      },
    },
  };
}

function eventChoices(session: KindSession): SearchChoice[] {
  return session.webhooks.map((e) => {
    const summary = e.summary ? `  ${e.summary.replace(/\s+/g, " ").slice(0, 60)}` : "";
    return { name: `${e.eventId}${summary}`, value: e.eventId, checked: e.isDefault, group: e.tag };
  });
}

/** Generates the receiver, and reports the way the pull kind does. */
export async function generateReceiverFrom(
  session: KindSession,
  answers: ReceiverAnswers,
): Promise<string> {
  const [{ generateReceiver }, { formatReceiverReport }] = await Promise.all([
    import("../src/generate/receiver.js"),
    import("../src/cli/generate-receiver.js"),
  ]);
  const result = await generateReceiver({
    spec: answers.spec,
    name: answers.name,
    events: answers.events ?? [],
    ...(answers.signature ? { signature: answers.signature } : {}),
    out: answers.out,
    ...(session.loaded ? { loaded: session.loaded } : {}),
  });
  const report = formatReceiverReport(result, process.cwd());
  if (result.verification && !result.verification.ok) throw new Error(report);
  return report;
}
