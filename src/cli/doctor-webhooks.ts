/** The webhook half of `capkit doctor`: events by tag, their kinds, the default selection, the scheme. */
import pc from "picocolors";
import type { LoadedSpec } from "../openapi/index.js";
import { listWebhooks, type WebhookSummary } from "../openapi/select-webhooks.js";
import { detectSignature } from "../openapi/signature-preset.js";

export interface WebhookReport {
  events: WebhookSummary[];
  /** The signature preset the headers show, when they show one. */
  signature?: string;
  defaultEvents: string[];
}

export function webhookReport(spec: LoadedSpec): WebhookReport {
  const events = listWebhooks(spec);
  const signature = events.length > 0 ? detectSignature(spec.document) : undefined;
  return {
    events,
    ...(signature ? { signature } : {}),
    defaultEvents: events.filter((e) => e.isDefault).map((e) => e.eventId),
  };
}

export function renderWebhooks(r: WebhookReport, clean: (text: string) => string): string[] {
  if (r.events.length === 0) return [];
  const out = ["", pc.bold(`Webhook events (${r.events.length})`)];
  const tags = [...new Set(r.events.map((e) => e.tag))].sort();
  for (const tag of tags) {
    out.push(`  ${pc.cyan(clean(tag))}`);
    for (const e of r.events.filter((x) => x.tag === tag)) {
      const marks = [
        e.recordKind !== "none" ? e.recordKind : "",
        e.isDefault ? pc.green("default") : "",
      ];
      out.push(`    ${clean(e.eventId)} ${marks.filter(Boolean).join(" ")}`);
    }
  }
  out.push(`${pc.bold("Signature")}: ${r.signature ?? "not detected (pass --signature)"}`);
  out.push(`${pc.bold("Default events")}: ${r.defaultEvents.map(clean).join(", ")}`);
  return out;
}
