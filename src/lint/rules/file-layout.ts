import { defineRule } from "../define-rule.js";
import { MANIFEST } from "../folder.js";

/** The split the generator writes (brief section 4); `_types_2.ts`… are optional extras. */
export function expectedFiles(service: string, kind?: string): string[] {
  if (kind === "receiver") {
    const base = `${service}_webhook`;
    return [`${base}.ts`, `${base}_types.ts`, `${base}_transform.ts`, `${base}.test.ts`];
  }
  return [
    `${service}.ts`,
    `${service}_client.ts`,
    `${service}_types.ts`,
    `${service}_transform.ts`,
    `${service}.test.ts`,
  ];
}

export default defineRule({
  id: "file-layout",
  meta: {
    description:
      "The split files and the test file exist (checked against the git index under --staged)",
    why: "The platform's layout (main, client, types, transform, test) keeps each file small and reviewable, and an integration without its test file ships untested.",
    fix: "Add the missing file (run `capkit generate` into a scratch folder to get a template) and `git add` it.",
  },
  checkFolder(ctx) {
    const { folder, config } = ctx;
    const where =
      folder.store.kind === "index" ? " from the git index (untracked files do not count)" : "";
    if (!folder.isIntegration && !folder.files.includes(MANIFEST)) {
      // split files but no main file, and no manifest to name it: say so on the first file
      const { baseClass, registerFunction } = config.names;
      const first = folder.files.find((name) => name.endsWith(".ts")) ?? folder.files[0] ?? "";
      ctx.report(
        folder.path(first),
        `no main file in ${folder.dir}${where}: no class here extends ${baseClass} and is registered with ${registerFunction}()`,
      );
      return;
    }
    // findings hang on the main file, or on the manifest when the main file itself is missing
    const kind = folder.manifest().value?.kind;
    const main = folder.path(
      folder.isIntegration && kind !== "receiver" ? `${folder.service}.ts` : MANIFEST,
    );
    for (const name of expectedFiles(folder.service, kind)) {
      if (!folder.files.includes(name)) ctx.report(main, `${name} is missing${where}`);
    }
  },
});
