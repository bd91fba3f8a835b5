import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/** Anything with the web-standard handler shape: a WebhookCapability, or a router in front of one. */
export interface WebRequestHandler {
  handle(request: Request): Promise<Response>;
}

/** A node:http request as a web Request; the body streams, so the receiver's size cap applies. */
export function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  // the Host header is the client's to choose: the URL is for routing only, never for trust
  const url = new URL(req.url ?? "/", "http://localhost");
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  });
}

/**
 * A `node:http` request listener for a receiver: `http.createServer(nodeListener(receiver))`.
 * A body the receiver refused unread (413) is not drained: the connection is closed instead.
 */
export function nodeListener(
  receiver: WebRequestHandler,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void respond(receiver, req, res);
  };
}

async function respond(
  receiver: WebRequestHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let response: Response;
  try {
    response = await receiver.handle(toWebRequest(req));
  } catch {
    response = new Response(JSON.stringify({ status: 500, message: "Internal error." }), {
      status: 500,
      headers: { "content-type": "application/json" },
    });
  }
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = Object.fromEntries(response.headers);
  if (!req.complete) headers.connection = "close";
  res.writeHead(response.status, { ...headers, "content-length": String(body.length) });
  res.end(body, () => {
    if (!req.complete) req.destroy();
  });
}
