/** Small JSON answers: a status and a reason, never anything from the payload or a secret. */
export function reply(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ status, message }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
