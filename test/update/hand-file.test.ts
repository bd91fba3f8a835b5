import { describe, expect, it } from "vitest";
import { updateHandFile } from "../../src/update/hand-file.js";
import { insertAdditions } from "../../src/update/insert.js";
import { conflictLines, mergeFile } from "../../src/update/merge.js";
import { removeUnits } from "../../src/update/remove.js";
import { stripOperations } from "../../src/update/strip.js";

/** A main file as a template would write it, for the given operations. */
function main(ops: string[], extra = ""): string {
  const names = ops.map((o) => `to${o}`);
  const loops = ops
    .map(
      (o) =>
        `    for await (const record of client.list${o}()) {\n      this.send(to${o}(record));\n    }\n`,
    )
    .join("");
  return `/** Header comment. */
import { Base } from "@capkit/runtime";
import { ${names.join(", ")} } from "./acme_transform.js";

const CONFIG = { ${ops.map((o) => `${o.toLowerCase()}: 1`).join(", ")} };

export class Acme extends Base {
  async invoke(): Promise<void> {
    await this.validateCredentials();
    const client = this.client();
${loops}  }
${extra}}
`;
}

/** A transform file: one function per operation. */
function transform(ops: string[], runtime = "type Asset, NotImplementedError"): string {
  return `import { ${runtime} } from "@capkit/runtime";
import type { ${ops.map((o) => `${o}Record`).join(", ")} } from "./acme_types.js";
${ops
  .map(
    (o) => `
/** ${o} → Asset. */
export function to${o}(record: ${o}Record): Asset {
  throw new NotImplementedError("to${o}");
}
`,
  )
  .join("")}`;
}

const labels = { ours: "yours", theirs: "capkit" };

/** The lines the engineer wrote (in `mine`, not in `generated`), in order and unchanged in `updated`. */
function keepsHandWritten(generated: string, mine: string, updated: string): boolean {
  const lines = updated.split("\n");
  const ours = mine.split("\n").filter((line) => !generated.split("\n").includes(line));
  if (ours.length === 0) throw new Error("nothing hand-written to look for");
  let at = 0;
  for (const line of ours) {
    const found = lines.indexOf(line, at);
    if (found === -1) return false;
    at = found + 1;
  }
  return true;
}

describe("insertAdditions: new operations through the syntax tree", () => {
  it("adds the loop, the import specifier and nothing else, beside the unit before them", () => {
    const mine = main(["Host"]).replace(
      "    const client = this.client();\n",
      '    const client = this.client();\n    this.log.info("mine"); // an engineer\'s line\n',
    );
    const result = insertAdditions(mine, main(["Host"]), main(["Host", "Vuln"]), labels);
    expect(result.conflicts).toEqual([]);
    expect(keepsHandWritten(main(["Host"]), mine, result.text)).toBe(true);
    expect(result.text).toContain('import { toHost, toVuln } from "./acme_transform.js";');
    expect(result.text).toContain(
      "      this.send(toHost(record));\n    }\n    for await (const record of client.listVuln()) {\n      this.send(toVuln(record));\n    }\n  }",
    );
    expect(result.inserted).toEqual(
      [
        "import ./acme_transform.js › toVuln",
        "class Acme › member invoke › text for await (const record of client.listVuln()) { this.send(toVuln(record)); }",
        "const CONFIG",
      ].slice(0, 2),
    );
  });

  it("rewrites a named unit the engineer left as generated, and puts one they changed between markers", () => {
    const untouched = insertAdditions(
      main(["Host"]),
      main(["Host"]),
      main(["Host", "Vuln"]),
      labels,
    );
    expect(untouched.text).toContain("const CONFIG = { host: 1, vuln: 1 };");
    const changed = main(["Host"]).replace("host: 1", "host: 2");
    const result = insertAdditions(changed, main(["Host"]), main(["Host", "Vuln"]), labels);
    expect(result.conflicts).toEqual(["const CONFIG"]);
    expect(result.text).toContain(
      "<<<<<<< yours\nconst CONFIG = { host: 2 };\n=======\nconst CONFIG = { host: 1, vuln: 1 };\n>>>>>>> capkit",
    );
  });

  it("does not add what the engineer already added, and reports what has no place", () => {
    const done = main(["Host", "Vuln"]);
    expect(insertAdditions(done, main(["Host"]), done, labels).text).toBe(done);
    const renamed = main(["Host"]).replace("async invoke()", "async run()");
    const result = insertAdditions(renamed, main(["Host"]), main(["Host", "Vuln"]), labels);
    expect(result.unplaced).toEqual([
      expect.stringContaining("class Acme › member invoke › text for await"),
    ]);
  });

  it("a new transform lands after the previous one with its comment, and what it needs is imported on a line of its own", () => {
    const completed = transform(["Host"], "Asset").replace(
      '  throw new NotImplementedError("toHost");',
      "  return new Asset(record.name, record.ip); // mine",
    );
    const result = insertAdditions(
      completed,
      transform(["Host"]),
      transform(["Host", "Vuln"]),
      labels,
    );
    expect(keepsHandWritten(transform(["Host"]), completed, result.text)).toBe(true);
    expect(result.text).toContain('import { NotImplementedError } from "@capkit/runtime";');
    expect(result.text).toContain('import type { HostRecord, VulnRecord } from "./acme_types.js";');
    expect(
      result.text.endsWith(
        '/** Vuln → Asset. */\nexport function toVuln(record: VulnRecord): Asset {\n  throw new NotImplementedError("toVuln");\n}\n',
      ),
    ).toBe(true);
  });

  it("a specifier for an import the engineer rewrote gets its own line", () => {
    const rewritten = transform(["Host"]).replace(
      'import type { HostRecord } from "./acme_types.js";',
      'import type { HostRecord, Extra } from "./acme_types.js";',
    );
    const result = insertAdditions(
      rewritten,
      transform(["Host"]),
      transform(["Host", "Vuln"]),
      labels,
    );
    expect(result.text).toContain('import type { HostRecord, Extra } from "./acme_types.js";');
    expect(result.text).toContain('import type { VulnRecord } from "./acme_types.js";');
  });
});

describe("merge bases: the code of an operation that left the spec", () => {
  it("is taken out by the difference of two generations, import specifiers included", () => {
    const base = transform(["Host", "Scan"], "type Asset, type Attribute, NotImplementedError");
    const withGone = base;
    const withoutGone = transform(["Host"], "type Asset, NotImplementedError");
    expect(removeUnits(base, withGone, withoutGone)).toBe(withoutGone);
  });

  it("is taken out by name when a changed template hides it from the structure", () => {
    const base = main(["Host", "Scan"]);
    const stripped = stripOperations(
      base,
      new Set(["listScan", "toScan"]),
      new Set(["listHost", "toHost"]),
    );
    expect(stripped).not.toContain("Scan");
    expect(stripped).toContain("client.listHost()");
  });

  it("stays in the engineer's file, even where they never touched it", () => {
    const base = main(["Host", "Scan"]);
    const result = updateHandFile({
      path: "acme.ts",
      ours: base,
      base,
      mergeBase: stripOperations(
        base,
        new Set(["listScan", "toScan"]),
        new Set(["listHost", "toHost"]),
      ),
      removed: true,
      common: main(["Host"]).replace("Header comment.", "New header."),
      next: main(["Host"]).replace("Header comment.", "New header."),
      labels: { ours: "yours", base: "base", theirs: "capkit" },
    });
    expect(result.content).toContain("client.listScan()");
    expect(result.content).toContain("toScan } from");
    expect(result.content).toContain("/** New header. */");
    expect(result.conflicts).toEqual([]);
  });
});

describe("mergeFile: git merge-file", () => {
  const base = "a\nb\nc\nd\ne\n";
  it("takes both sides' changes where they do not overlap", () => {
    expect(
      mergeFile("A\nb\nc\nd\ne\n", base, "a\nb\nc\nd\nE\n", {
        ours: "yours",
        base: "base",
        theirs: "capkit",
      }),
    ).toEqual({
      text: "A\nb\nc\nd\nE\n",
      conflicts: 0,
    });
  });

  it("leaves standard markers where they overlap, and counts them", () => {
    const merged = mergeFile("a\nB1\nc\nd\ne\n", base, "a\nB2\nc\nd\ne\n", {
      ours: "yours",
      base: "base",
      theirs: "capkit",
    });
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toBe("a\n<<<<<<< yours\nB1\n=======\nB2\n>>>>>>> capkit\nc\nd\ne\n");
    expect(conflictLines(merged.text)).toEqual([2]);
  });
});
