// Issue 9 item 6: the linter finds the main file of every integration, also when the folder is named
// otherwise than its files and there is no manifest; a folder that looks like an integration but has
// no main file is a finding, never silence.
import { describe, expect, it } from "vitest";
import { goodFiles, lintFiles } from "./helpers.js";

/** The sample integration as `integrations/<folder>/acme*.ts`, written by hand: no manifest, nothing `@generated`. */
function handWritten(folder: string, edit?: (files: Record<string, string>) => void) {
  const files = goodFiles(`integrations/${folder}`);
  delete files[`integrations/${folder}/.capkit.json`];
  for (const [path, text] of Object.entries(files))
    files[path] = text.replaceAll("@generated", "hand-written");
  edit?.(files);
  return files;
}

const summary = async (files: Record<string, string>) =>
  (await lintFiles(files)).diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`,
  );

describe("main file by content", () => {
  it("a correct hand-written integration in a folder named otherwise passes", async () => {
    expect(await summary(handWritten("scanner"))).toEqual([]);
  });

  it("its main file gets the main-file rules", async () => {
    const files = handWritten("scanner", (f) => {
      const main = "integrations/scanner/acme.ts";
      f[main] = f[main]!.replace("return true;", "return false;").replace(
        "await this.validateCredentials();\n",
        "",
      );
    });
    const found = await summary(files);
    expect(found).toContainEqual(expect.stringMatching(/acme\.ts:16:\d+ integration-true /));
    expect(found).toContainEqual(
      expect.stringMatching(/acme\.ts:\d+:\d+ validate-credentials-first /),
    );
  });

  it("the other files get their roles from the main file's name", async () => {
    // a raw fetch is allowed in the client only: the client is recognised as `acme_client.ts`
    const files = handWritten("scanner", (f) => {
      f["integrations/scanner/acme_client.ts"] +=
        '\nexport const raw = () => fetch("https://x");\n';
      f["integrations/scanner/acme_transform.ts"] +=
        '\nexport const raw2 = () => fetch("https://x");\n';
    });
    const rawHttp = (await summary(files)).filter((d) => d.includes(" no-raw-http "));
    expect(rawHttp).toEqual([expect.stringMatching(/^integrations\/scanner\/acme_transform\.ts:/)]);
  });

  it("a missing split file is reported against the main file found by content", async () => {
    const files = handWritten("scanner", (f) => {
      delete f["integrations/scanner/acme.test.ts"];
    });
    expect(await summary(files)).toEqual([
      "integrations/scanner/acme.ts:1:1 file-layout acme.test.ts is missing",
    ]);
  });

  it("a class that extends the base but is not registered is still the main file", async () => {
    const files = handWritten("scanner", (f) => {
      const main = "integrations/scanner/acme.ts";
      f[main] = f[main]!.replace("registerCapability(Acme);", "");
    });
    expect(await summary(files)).toContainEqual(
      expect.stringMatching(
        /^integrations\/scanner\/acme\.ts:6:14 registered Acme is never registered/,
      ),
    );
  });

  it("a folder with split files but no recognisable main file is a finding", async () => {
    const files = handWritten("scanner", (f) => {
      const main = "integrations/scanner/acme.ts";
      f[main] = f[main]!.replace("extends BaseCapability ", "").replace(
        "registerCapability(Acme);",
        "",
      );
    });
    expect(await summary(files)).toContainEqual(
      "integrations/scanner/acme.test.ts:1:1 file-layout no main file in integrations/scanner: no class here extends BaseCapability and is registered with registerCapability()",
    );
  });

  it("a folder of plain helpers is not an integration", async () => {
    const files = {
      "integrations/shared/retry.ts": "export const attempts = 3;\n",
      "integrations/shared/names.ts": 'export const prefix = "acme";\n',
    };
    expect(await summary(files)).toEqual([]);
  });

  it("several candidates: the one that extends the base and is registered wins", async () => {
    const files = handWritten("scanner", (f) => {
      f["integrations/scanner/aaa_helper.ts"] =
        'import { BaseCapability } from "@capkit/runtime";\nexport abstract class Helper extends BaseCapability {}\n';
    });
    expect(await summary(files)).toEqual([]);
  });
});
