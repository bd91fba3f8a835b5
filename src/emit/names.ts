/** File names and derived identifiers of one integration; the single place they are spelled. */
import type { IntegrationModel, OperationModel, RecordKind } from "../model/types.js";
import type { TestLayout } from "./context.js";

export interface FileNames {
  main: string;
  client: string;
  types: string;
  transform: string;
  test: string;
  /** The per-operation invoke tests, when the test file would pass the line budget. */
  invokeTest: string;
  /** The transforms' own tests (one record of each operation, one test per vendor state). */
  transformTest: string;
  samples: string;
  /** The generated mock of the API the tests run against. */
  mock: string;
  manifest: string;
  /** An overflow file of the types, named for what it holds: `_types_schemas_2.ts`. */
  typesPart(label: string): string;
  /** An overflow file of the client, named for its tag: `_client_code_scanning.ts`. */
  clientPart(label: string): string;
  samplesPart(n: number): string;
  /** An overflow file of the mock, named for its tag: `_mock_code_scanning.ts`. */
  mockPart(label: string): string;
}

/**
 * The test layout an integration already has, from its manifest's files: an update (or a forced
 * generation over it) keeps it, so that no engineer's test moves to another file. The name is
 * compared whole: the main test file of `acme-invoke` is `acme_invoke.test.ts`.
 */
export function recordedTestLayout(
  files: Readonly<Record<string, { owner?: unknown }>>,
  model: Pick<IntegrationModel, "fileBase">,
): TestLayout {
  return files[fileNames(model).invokeTest]?.owner === "hand" ? "split" : "single";
}

export function fileNames(model: Pick<IntegrationModel, "fileBase">): FileNames {
  const base = model.fileBase;
  return {
    main: `${base}.ts`,
    client: `${base}_client.ts`,
    types: `${base}_types.ts`,
    transform: `${base}_transform.ts`,
    test: `${base}.test.ts`,
    invokeTest: `${base}_invoke.test.ts`,
    transformTest: `${base}_transform.test.ts`,
    samples: `${base}_samples.ts`,
    mock: `${base}_mock.ts`,
    manifest: ".capkit.json",
    typesPart: (label) => `${base}_types_${label}.ts`,
    clientPart: (label) => `${base}_client_${label}.ts`,
    samplesPart: (n) => `${base}_samples_${n}.ts`,
    mockPart: (label) => `${base}_mock_${label}.ts`,
  };
}

/** A tag as a file-name part: `Code Scanning` → `code_scanning` (ASCII, at most 40 characters). */
export function fileLabel(tag: string): string {
  const label = tag
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  return label || "operations";
}

/** `schemas`, then `schemas_2`, `schemas_3`…: file names stay unique and say what they hold. */
export function uniqueLabel(label: string, taken: Set<string>): string {
  let name = label;
  for (let n = 2; taken.has(name); n++) name = `${label}_${n}`;
  taken.add(name);
  return name;
}

/** `.ts` → `.js`: generated code imports its siblings the way `module: nodenext` requires. */
export const importPath = (file: string) => `./${file.replace(/\.ts$/, ".js")}`;

const KIND_CLASS: Record<RecordKind, string> = {
  asset: "Asset",
  risk: "Risk",
  attribute: "Attribute",
  none: "Attribute",
};

export const kindClass = (kind: RecordKind) => KIND_CLASS[kind];

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function operationNames(op: OperationModel) {
  const kind = kindClass(op.recordKind);
  return {
    transform: `to${capitalise(op.recordName)}${kind}`,
    schema: `${capitalise(op.recordName)}Record`,
    request: `${capitalise(op.methodName)}Request`,
    sample: `${op.methodName}Sample`,
  };
}
