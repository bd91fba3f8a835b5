// One worker of `npm run load:shared`: a process like one of the platform's job runners. It takes
// record ids from the coordinator, fetches each through the runtime (OAuth2, the shared budget
// from CAPKIT_REDIS_URL, retries) and sends the record back. Store logs go to stdout as JSON.
import { createHttp, readJson, stateStore } from "../../packages/runtime/src/index.js";

type Message = { type: "go" } | { type: "id"; seq: number; id: string | undefined };

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const http = createHttp({
  baseUrl: env("LOAD_API_URL"),
  auth: {
    type: "oauth2ClientCredentials",
    tokenUrl: env("LOAD_TOKEN_URL"),
    clientId: "load-client",
    clientSecret: env("LOAD_CLIENT_SECRET"),
  },
  rateLimit: { requestsPerSecond: Number(env("LOAD_RATE")) },
  headers: { "x-client": env("LOAD_WORKER") },
  // Long enough for an outage: a caller waits its turn rather than fail.
  retry: { retries: 5, maxElapsedMs: 120_000 },
});

const waiting = new Map<number, (id: string | undefined) => void>();
let seq = 0;

function send(message: Record<string, unknown>): void {
  process.send?.(message);
}

function nextId(): Promise<string | undefined> {
  const mine = seq++;
  return new Promise((resolve) => {
    waiting.set(mine, resolve);
    send({ type: "next", seq: mine });
  });
}

async function loop(): Promise<void> {
  for (let id = await nextId(); id !== undefined; id = await nextId()) {
    try {
      const record = (await readJson("getRecord", await http.fetch(`/records/${id}`))) as {
        id: string;
      };
      send({ type: "sent", id: record.id });
    } catch (error) {
      send({ type: "failed", id, code: (error as { code?: string }).code ?? "ERROR" });
    }
  }
}

process.on("message", (message: Message) => {
  if (message.type === "id") {
    waiting.get(message.seq)?.(message.id);
    waiting.delete(message.seq);
    return;
  }
  const loops = Array.from({ length: Number(env("LOAD_CONCURRENCY")) }, loop);
  void Promise.all(loops)
    .then(() => stateStore().close())
    .then(() => process.exit(0));
});
send({ type: "ready" });
