import { update } from "../src/update/index.ts";
process.env.DBG = "1";
await update({ dir: "test/.tmp/u/scanhub", cwd: process.cwd(), addOperations: ["listContainers"], dryRun: true });
