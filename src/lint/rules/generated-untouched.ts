import { posix } from "node:path";
import { defineRule } from "../define-rule.js";
import { MANIFEST, sha256 } from "../folder.js";

export default defineRule({
  id: "generated-untouched",
  meta: {
    description: "A @generated file whose hash differs from the manifest is reported",
    why: "Generated files are rewritten on the next `capkit generate`: a hand edit there is silently lost, and the manifest hash is how review tells generated code from hand-written code.",
    fix: "Revert the edit and put the change in a hand-owned file (main or transform), or regenerate so the manifest hash is updated.",
  },
  check(ctx) {
    const { file, folder } = ctx;
    if (!file.generated) return undefined;
    const name = posix.basename(file.path);
    const manifest = folder.manifest();
    if (manifest.error) {
      ctx.report(undefined, `${MANIFEST} cannot be read: ${manifest.error}`);
      return undefined;
    }
    const entry = manifest.value?.files[name];
    if (!manifest.value)
      ctx.report(undefined, `@generated file without a ${MANIFEST} manifest beside it`);
    else if (!entry) ctx.report(undefined, `@generated file is not listed in ${MANIFEST}`);
    else if (entry.owner === "generated") {
      const bytes = folder.store.read(file.path);
      if (bytes && sha256(bytes) !== entry.sha256)
        ctx.report(undefined, `${name} was edited by hand: its sha256 differs from ${MANIFEST}`);
    }
    return undefined;
  },
});
