/** What a receiver answers: a status and a reason, never anything from the payload or a secret. */
export interface WebhookOutcome {
  status: number;
  message: string;
  headers?: Record<string, string>;
  /** A body the vendor's convention asks for (Slack's and Okta's challenges) instead of the reason. */
  json?: unknown;
}

export function reply(
  status: number,
  message: string,
  headers?: Record<string, string>,
): WebhookOutcome {
  return headers ? { status, message, headers } : { status, message };
}

/** The outcome as a web Response: JSON, `{ status, message }` unless the scheme's convention says otherwise. */
export function toResponse(outcome: WebhookOutcome): Response {
  const body =
    outcome.json === undefined
      ? { status: outcome.status, message: outcome.message }
      : outcome.json;
  return new Response(JSON.stringify(body), {
    status: outcome.status,
    headers: { "content-type": "application/json", ...outcome.headers },
  });
}
