/**
 * Starts the types worker early (see worker.ts) and hands it the model when it is built.
 * From sources run through a TypeScript loader (tests), there is no compiled worker: the types are
 * then computed on the calling thread, with the same result.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { IntegrationModel } from "../../model/types.js";
import { type TypesParts, typesParts } from "./parts.js";

export type TypesPartsFn = (model: IntegrationModel, maxUnitLines: number) => Promise<TypesParts>;

export function startTypesWorker(): TypesPartsFn {
  const script = fileURLToPath(new URL("./worker.js", import.meta.url));
  if (!import.meta.url.endsWith(".js") || !existsSync(script)) return typesParts;
  const worker = new Worker(script, { env: { ...process.env, NODE_OPTIONS: "" } });
  worker.unref();
  let used = false;
  return (model, maxUnitLines) => {
    if (used) return typesParts(model, maxUnitLines);
    used = true;
    return new Promise<TypesParts>((resolve, reject) => {
      worker.once(
        "message",
        (reply: { ok: true; parts: TypesParts } | { ok: false; message: string }) => {
          // the worker ends itself once it has stored its code cache (it is unref'd: never waited for)
          if (reply.ok) resolve(reply.parts);
          else reject(new Error(reply.message));
        },
      );
      worker.once("error", (error) => reject(error));
      worker.postMessage({ model, maxUnitLines });
    });
  };
}
