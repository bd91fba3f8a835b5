/**
 * Worker thread for the types: loading TypeScript and openapi-typescript (~250 ms) overlaps with
 * the main thread reading the spec, and the types of the pruned document are computed here while
 * the main thread renders the other files.
 */
import { parentPort } from "node:worker_threads";
import type { IntegrationModel } from "../../model/types.js";
import { flushCodeCache } from "../../shared/compile-cache.js";
import { openapiTypescript } from "./openapi-typescript.js";
import { typesParts } from "./parts.js";

openapiTypescript();

parentPort?.on("message", async (message: { model: IntegrationModel; maxUnitLines: number }) => {
  try {
    parentPort?.postMessage({
      ok: true,
      parts: await typesParts(message.model, message.maxUnitLines),
    });
  } catch (error) {
    parentPort?.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  }
  // The answer is sent; now store TypeScript's compiled code for the next run (without it every
  // run compiles the 9 MB bundle again), then end this thread.
  flushCodeCache();
  process.exit(0);
});
