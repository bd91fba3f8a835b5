// Rules about code anywhere in an integration, with small files dropped into the sample integration.
import { MAIN, ruleTable, TRANSFORM } from "./helpers.js";

const good = { name: "the complete sample integration" };
const CLIENT = "integrations/acme/acme_client.ts";
const HELPER = "integrations/acme/acme_helpers.ts";
const lines = (n: number) =>
  `${Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join("\n")}\n`;

ruleTable("max-lines", {
  valid: [good, { name: "exactly 350 lines", files: { [HELPER]: lines(350) } }],
  invalid: [
    {
      name: "401 lines",
      files: { [HELPER]: lines(401) },
      errors: [{ file: HELPER, line: 401, column: 1 }],
    },
    {
      name: "360 lines warns",
      files: { [HELPER]: lines(360) },
      errors: [{ file: HELPER, line: 351, column: 1, severity: "warning" }],
    },
  ],
});

ruleTable("file-layout", {
  valid: [
    good,
    {
      name: "extra split types file",
      files: { "integrations/acme/acme_types_2.ts": "export type X = 1;\n" },
    },
  ],
  invalid: [
    {
      name: "a manifest without its main file",
      files: { "integrations/acme/acme.ts": undefined },
      errors: [{ file: "integrations/acme/.capkit.json", line: 1, column: 1 }],
    },
    {
      name: "no test file",
      files: { "integrations/acme/acme.test.ts": undefined },
      errors: [{ line: 1, column: 1 }],
    },
    {
      name: "no client and no types",
      files: { [CLIENT]: undefined, "integrations/acme/acme_types.ts": undefined },
      errors: [
        { line: 1, column: 1 },
        { line: 1, column: 1 },
      ],
    },
  ],
});

ruleTable("no-raw-http", {
  valid: [
    good,
    {
      name: "fetch inside the client file is the client's business",
      edit: [CLIENT, "return this.http.request(", "return fetch("],
    },
  ],
  invalid: [
    {
      name: "fetch in the transform",
      files: { [TRANSFORM]: 'export async function f() { return fetch("https://x"); }\n' },
      errors: [{ file: TRANSFORM, line: 1, column: 36 }],
    },
    {
      name: "axios import",
      files: { [TRANSFORM]: 'import axios from "axios";\nexport const a = axios;\n' },
      errors: [{ file: TRANSFORM, line: 1, column: 19 }],
    },
    {
      name: "axios.get call",
      files: { [TRANSFORM]: 'declare const axios: any;\nexport const r = axios.get("/x");\n' },
      errors: [{ file: TRANSFORM, line: 2, column: 18 }],
    },
  ],
});

ruleTable("no-secret-logging", {
  valid: [
    good,
    {
      name: "credential words inside strings only",
      files: {
        [TRANSFORM]:
          'import { log } from "@capkit/runtime";\nexport function f(status: number) {\n  log.warn({ status }, "token rejected");\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: "credential bound into a child logger",
      files: {
        [TRANSFORM]:
          'import { log } from "@capkit/runtime";\nexport const child = (token: string) => log.child({ token });\n',
      },
      errors: [{ file: TRANSFORM, line: 2, column: 53 }],
    },
    {
      name: "api key in a log call",
      files: {
        [TRANSFORM]:
          'import { log } from "@capkit/runtime";\nexport function f(apiKey: string) {\n  log.info({ apiKey }, "calling");\n}\n',
      },
      errors: [{ file: TRANSFORM, line: 3, column: 14 }],
    },
    {
      name: "console",
      files: { [TRANSFORM]: 'console.log("x");\n' },
      errors: [{ file: TRANSFORM, line: 1, column: 1 }],
    },
    {
      name: "secret in an error message",
      edit: [MAIN, '"target is not an acme integration"', "`bad token ${this.job.secret.token}`"],
      errors: [{ line: 21, column: 86 }],
    },
    {
      name: "this.log",
      files: {
        [TRANSFORM]:
          "export class T {\n  log: any;\n  f(password: string) {\n    this.log.debug(password);\n  }\n}\n",
      },
      errors: [{ file: TRANSFORM, line: 4, column: 20 }],
    },
  ],
});

ruleTable("no-swallowed-errors", {
  valid: [
    good,
    {
      name: "wrapped with cause",
      files: {
        [TRANSFORM]:
          'declare function f(): void;\ntry { f(); } catch (error) { throw new Error("x", { cause: error }); }\n',
      },
    },
  ],
  invalid: [
    {
      name: "empty catch",
      files: { [TRANSFORM]: "declare function f(): void;\ntry { f(); } catch {}\n" },
      errors: [{ file: TRANSFORM, line: 2, column: 14 }],
    },
    {
      name: ".catch(() => {})",
      files: { [TRANSFORM]: "declare const p: Promise<void>;\np.catch(() => {});\n" },
      errors: [{ file: TRANSFORM, line: 2, column: 3 }],
    },
    {
      name: "new error without cause",
      files: {
        [TRANSFORM]:
          'declare function f(): void;\ntry { f(); } catch (error) { throw new Error("x"); }\n',
      },
      errors: [{ file: TRANSFORM, line: 2, column: 36 }],
    },
  ],
});

const LOOP = (bound: string) =>
  `declare const c: { get(n: string): Promise<{ next?: string }> };\nexport async function all() {\n  let next: string | undefined = "";\n  let pages = 0;\n  while (next !== undefined${bound}) {\n    const page = await c.get(next);\n    next = page.next;\n    pages++;\n  }\n}\n`;

ruleTable("bounded-pagination", {
  valid: [
    good,
    {
      name: "loop bounded by maxPages",
      files: { [TRANSFORM]: `const maxPages = 100;\n${LOOP(" && pages < maxPages")}` },
    },
    {
      name: "for await over paginate",
      files: {
        [TRANSFORM]:
          'import { paginate } from "@capkit/runtime";\nexport async function f() { for await (const x of paginate({})) void x; }\n',
      },
    },
  ],
  invalid: [
    {
      name: "unbounded while loop",
      files: { [TRANSFORM]: LOOP("") },
      errors: [{ file: TRANSFORM, line: 5, column: 3 }],
    },
  ],
});

ruleTable("bounded-concurrency", {
  valid: [
    good,
    {
      name: "fixed array",
      files: {
        [TRANSFORM]:
          "declare function a(): Promise<1>;\nexport const r = Promise.all([a(), a()]);\n",
      },
    },
    {
      name: "mapConcurrent",
      files: {
        [TRANSFORM]:
          'import { mapConcurrent } from "@capkit/runtime";\ndeclare const ids: string[];\ndeclare function get(id: string): Promise<1>;\nexport const r = mapConcurrent(ids, 10, (id) => get(id));\n',
      },
    },
  ],
  invalid: [
    {
      name: "Promise.all over a mapped array held in a variable",
      files: {
        [TRANSFORM]:
          "declare const ids: string[];\ndeclare function get(id: string): Promise<1>;\nexport async function f() {\n  const pending = ids.map((id) => get(id));\n  return Promise.all(pending);\n}\n",
      },
      errors: [{ file: TRANSFORM, line: 5, column: 10 }],
    },
    {
      name: "Promise.all over map",
      files: {
        [TRANSFORM]:
          "declare const ids: string[];\ndeclare function get(id: string): Promise<1>;\nexport const r = Promise.all(ids.map((id) => get(id)));\n",
      },
      errors: [{ file: TRANSFORM, line: 3, column: 18 }],
    },
  ],
});

const HOOK = (body: string) =>
  `import { verifyWebhook } from "@capkit/runtime";\nexport async function handleWebhook(req: Request, secret: string) {\n${body}\n}\n`;

ruleTable("webhook-verify", {
  valid: [
    good,
    {
      name: "verify the raw body, then parse",
      files: {
        [HELPER]: HOOK(
          "  const raw = await req.text();\n  await verifyWebhook({ secret, headers: req.headers, body: raw });\n  return JSON.parse(raw);",
        ),
      },
    },
  ],
  invalid: [
    {
      name: "parses before verifying",
      files: {
        [HELPER]: HOOK(
          "  const event = await req.json();\n  await verifyWebhook({ secret, headers: req.headers, body: event });\n  return event;",
        ),
      },
      errors: [{ file: HELPER, line: 3, column: 23 }],
    },
    {
      name: "never verifies",
      files: { [HELPER]: HOOK("  return req.json();") },
      errors: [{ file: HELPER, line: 2, column: 23 }],
    },
  ],
});

ruleTable("generated-untouched", {
  valid: [good],
  invalid: [
    {
      name: "hand edit in the generated client",
      edit: [CLIENT, "export class AcmeClient {", "export class AcmeClient {\n  extra = 1;"],
      errors: [{ file: CLIENT, line: 1, column: 1 }],
    },
    {
      name: "@generated file missing from the manifest",
      files: {
        "integrations/acme/acme_types_2.ts": "// @generated by capkit\nexport type X = 1;\n",
      },
      errors: [{ file: "integrations/acme/acme_types_2.ts", line: 1, column: 1 }],
    },
  ],
});
