/**
 * The generated client's types check something: a caller passing a value the spec does not allow
 * fails to compile, and a oneOf request body is sent one branch at a time (1Password's events:
 * the filter first, then `{ cursor }` alone), checked against a real loopback server.
 */

import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { emitIntegration } from "../../src/emit/index.js";
import { buildModel } from "../../src/model/index.js";
import { loadSpec } from "../../src/openapi/index.js";
import { MODULE_MODES, STRICT_FLAGS } from "../../src/verify/strict.js";
import { tscBin } from "../../src/verify/tools.js";
import { exampleSpec, fixtureSpec, scratchDir } from "../helpers/scratch.js";

async function writeIntegration(spec: string, name: string): Promise<string> {
  const model = buildModel(await loadSpec(spec), { name });
  const dir = scratchDir(`typed-${name}`);
  for (const file of await emitIntegration(model))
    writeFileSync(join(dir, file.path), file.content);
  return dir;
}

describe("generated client > types", () => {
  it("rejects a query value outside the spec's enum, accepts one inside it", {
    timeout: 120_000,
  }, async () => {
    const dir = await writeIntegration(exampleSpec, "vulnscan");
    writeFileSync(
      join(dir, "caller.ts"),
      [
        'import type { VulnscanClient } from "./vulnscan_client.js";',
        "export function calls(client: VulnscanClient) {",
        '  const ok = client.listFindings({ query: { status: "open", limit: 10 } });',
        '  const bad = client.listFindings({ query: { status: "bogus" } });',
        "  return [ok, bad];",
        "}",
        "",
      ].join("\n"),
    );
    const files = ["caller.ts", "vulnscan_client.ts", "vulnscan_types.ts"].map((f) => join(dir, f));
    const args = [tscBin(), ...STRICT_FLAGS, ...MODULE_MODES.nodenext, "--types", "node", ...files];
    const result = await execa(process.execPath, args, { reject: false, all: true });
    const errors = (result.all ?? "").split("\n").filter((l) => / error TS/.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/caller\.ts\(4,\d+\): error TS2322: Type '"bogus"'/);
  });
});

describe("generated client > a oneOf body", () => {
  it("sends the filter branch first, then the cursor alone", { timeout: 120_000 }, async () => {
    const dir = await writeIntegration(fixtureSpec("1password-events.json"), "onepassword");
    const bodies: unknown[] = [];
    const read = async (req: IncomingMessage) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      return JSON.parse(text) as unknown;
    };
    const server = createServer(async (req, res) => {
      bodies.push(await read(req));
      const page = bodies.length;
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({ items: [{ uuid: `u${page}` }], cursor: `c${page}`, has_more: page < 3 }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { createHttp } = await import("@capkit/runtime");
      const client = await import(join(dir, "onepassword_client.ts"));
      const http = createHttp({ baseUrl: `http://127.0.0.1:${port}`, rateLimit: false });
      const uuids: unknown[] = [];
      for await (const record of client.getAuditEvents(http, {}, { pageSize: 25 }))
        uuids.push((record as { uuid: unknown }).uuid);
      expect(uuids).toEqual(["u1", "u2", "u3"]);
      expect(bodies).toEqual([{ limit: 25 }, { cursor: "c1" }, { cursor: "c2" }]);
    } finally {
      server.close();
    }
  });
});
