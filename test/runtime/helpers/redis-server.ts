// A real redis-server for tests (Debian's `redis-server`; .ci/run installs it): its own free
// loopback port and temp dir, no persistence, stopped and removed after.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { type AddressInfo, connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops the server (SIGTERM) and waits for it to exit; its data is gone (no persistence). */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it answers PING. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  close(): Promise<void>;
  /** The keys matching `pattern` (none while stopped), read over a connection of its own. */
  keys(pattern: string): Promise<string[]>;
  /** The value of `key` (null if absent or stopped). */
  get(key: string): Promise<string | null>;
}

const BINARY = process.env.REDIS_SERVER ?? "redis-server";

export async function startRedis(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), "capkit-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir];
    args.push("--save", "", "--appendonly", "no", "--logfile", join(dir, "redis.log"));
    const spawned = spawn(BINARY, args, { stdio: "ignore" });
    child = spawned;
    const failed = new Promise<never>((_, reject) => {
      spawned.once("error", (error) =>
        reject(
          new Error(
            `cannot start ${BINARY} (${error.message}): install it with \`apt-get install -y redis-server\``,
          ),
        ),
      );
      spawned.once("exit", (code) => reject(new Error(`${BINARY} exited with ${code} at start`)));
    });
    // Once started, a later exit is a stop, not a failure.
    failed.catch(() => {});
    await Promise.race([waitForPong(port), failed]);
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGTERM");
    await exited;
  }

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
    keys: (pattern) => inspect(port, (client) => client.keys(pattern), []),
    get: (key) => inspect(port, (client) => client.get(key), null),
  };
}

/** One command over a fresh connection: what the test sees in Redis, apart from the store's. */
async function inspect<T>(port: number, read: (client: Redis) => Promise<T>, down: T): Promise<T> {
  const client = new Redis(port, "127.0.0.1", { lazyConnect: true, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    return await read(client);
  } catch {
    return down;
  } finally {
    client.disconnect();
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves when the server answers PING; gives up after 10 s. */
async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await pong(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within 10 s`);
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.setTimeout(1000);
    let reply = "";
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) {
        socket.destroy();
        resolve(reply.startsWith("+PONG"));
      }
    });
    socket.on("error", () => resolve(false));
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
