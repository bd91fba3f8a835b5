/** The default cap on a delivery's body: GitHub's own payload cap is 25 MB, most vendors' far less. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The body went past the cap (answered with 413). */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`Webhook body is larger than ${limit} bytes.`);
  }
}

/**
 * The request's body as raw bytes, read no further than `limit`: a declared Content-Length over
 * the cap is refused before reading, and a body that grows past it is cancelled mid-stream.
 */
export async function readBody(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
