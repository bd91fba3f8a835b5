import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCovering } from "../../src/update/early-covering.js";
import { coveringConfig, folderFiles, rootsOf } from "../../src/verify/typecheck.js";
import { scratchDir } from "../helpers/scratch.js";

/** A host project with a tsconfig and an integration folder of two files; returns the folder. */
function host(name: string, tsconfig: object, src?: string): string {
  const root = scratchDir(`early-covering-${name}`);
  const dir = scratchDir(`early-covering-${name}/integrations/acme`);
  writeFileSync(join(dir, "acme.ts"), "export const x = 1;\n");
  writeFileSync(join(dir, "acme_client.ts"), "export const y = 2;\n");
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify(tsconfig));
  if (src !== undefined) {
    scratchDir(`early-covering-${name}/src`);
    writeFileSync(join(root, "src", "index.ts"), src);
  }
  return dir;
}

const compilerOptions = { noEmit: true, module: "nodenext", skipLibCheck: true };

/** The early answer after `change` (what the update writes), next to the answer asked afresh. */
async function answers(dir: string, change: () => void) {
  const early = startCovering(dir);
  try {
    change();
    const files = folderFiles(dir);
    return { early: await early.covering(dir, files), fresh: await coveringConfig(dir, files) };
  } finally {
    early.cancel();
  }
}

describe("update > the host tsconfig asked before writing", { timeout: 60_000 }, () => {
  it("keeps a folder whose files the config includes covered when their contents change", async () => {
    const dir = host("included", { compilerOptions, include: ["integrations"] });
    const { early, fresh } = await answers(dir, () =>
      writeFileSync(join(dir, "acme.ts"), 'import { y } from "./acme_client.js";\nexport { y };\n'),
    );
    expect(fresh).toMatch(/early-covering-included\/tsconfig\.json$/);
    expect(early).toBe(fresh);
  });

  it("keeps a folder the config leaves out uncovered", async () => {
    const dir = host("excluded", { compilerOptions, include: ["src"] }, "export {};\n");
    const { early, fresh } = await answers(dir, () =>
      writeFileSync(join(dir, "acme.ts"), "export const x = 2;\n"),
    );
    expect(fresh).toBeUndefined();
    expect(early).toBeUndefined();
  });

  it("asks again when a folder file is in the program only through an import", async () => {
    // before: acme.ts is imported by the host, acme_client.ts is not (not covered); the update
    // makes acme.ts import acme_client.ts, which covers the folder
    const dir = host(
      "imported",
      { compilerOptions, include: ["src"] },
      'import { x } from "../integrations/acme/acme.js";\nconsole.log(x);\n',
    );
    const { early, fresh } = await answers(dir, () =>
      writeFileSync(
        join(dir, "acme.ts"),
        'import { y } from "./acme_client.js";\nexport const x = y;\n',
      ),
    );
    expect(fresh).toMatch(/early-covering-imported\/tsconfig\.json$/);
    expect(early).toBe(fresh);
  });

  it("asks again when the update adds a file to the folder", async () => {
    const dir = host("added", { compilerOptions, include: ["integrations/acme/acme*.ts"] });
    const { early, fresh } = await answers(dir, () =>
      writeFileSync(join(dir, "other.ts"), "export const z = 3;\n"),
    );
    expect(fresh).toBeUndefined();
    expect(early).toBe(fresh);
  });

  it("reads the config's roots from tsc --showConfig: files and include, less exclude", async () => {
    const dir = host(
      "roots",
      {
        compilerOptions,
        include: ["integrations"],
        exclude: ["integrations/acme/acme_client.ts"],
        files: ["src/index.ts"],
      },
      "export {};\n",
    );
    const root = join(dir, "..", "..");
    const roots = await rootsOf(join(root, "tsconfig.json"));
    expect([...(roots ?? [])].sort()).toEqual(
      [join(dir, "acme.ts"), join(root, "src", "index.ts")].sort(),
    );
    // one file left out of the roots: the program is listed, and the excluded file is not in it
    expect(await coveringConfig(dir, folderFiles(dir))).toBeUndefined();
  });
});
