// A spec download whose connection drops once (a kept-alive socket the server closed as it was
// reused) is sent again once; a server that keeps dropping it is reported as unreachable.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadSpec } from "../../src/openapi/index.js";
import { exampleSpec } from "../helpers/scratch.js";

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(dropFirst: number): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  server = createServer((req, res) => {
    requests++;
    if (requests <= dropFirst) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { "content-type": "application/yaml" });
    res.end(readFileSync(exampleSpec));
  });
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/openapi.yaml`, requests: () => requests };
}

describe("load > URL > a dropped connection", () => {
  it("is sent again once", async () => {
    const { url, requests } = await serve(1);
    const spec = await loadSpec(url);
    expect(spec.document.info.title).toBe("VulnScan API");
    expect(requests()).toBe(2);
  });

  it("twice in a row is unreachable, named with the reason", async () => {
    const { url, requests } = await serve(2);
    await expect(loadSpec(url)).rejects.toThrow(
      /Could not reach .*openapi\.yaml \((ECONNRESET|UND_ERR_SOCKET)\)/,
    );
    expect(requests()).toBe(2);
  });
});
