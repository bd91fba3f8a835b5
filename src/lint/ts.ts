// We use only the parser of the TypeScript that ts-morph bundles (no Project, no type checker, no lib
// files), and load it lazily: `capkit lint` with nothing to parse never pays for it. ts-morph's `ts`
// export is this same module; requiring it directly skips ts-morph's own 3 MB of wrappers.
import { createRequire } from "node:module";
import type { ts as TsNamespace } from "ts-morph";
import { requireWithCodeCache } from "../shared/compile-cache.js";

export type TS = typeof TsNamespace;
export type Node = TsNamespace.Node;
export type SourceFile = TsNamespace.SourceFile;
export type ClassDeclaration = TsNamespace.ClassDeclaration;
export type CallExpression = TsNamespace.CallExpression;
export type MethodDeclaration = TsNamespace.MethodDeclaration;
export type Expression = TsNamespace.Expression;

let loaded: TS | undefined;

function bundledTypescriptPath(): string {
  const fromTsMorph = createRequire(createRequire(import.meta.url).resolve("ts-morph"));
  return fromTsMorph.resolve("@ts-morph/common/dist/typescript.js");
}

export async function loadTs(): Promise<TS> {
  if (loaded) return loaded;
  try {
    loaded = requireWithCodeCache(bundledTypescriptPath()) as TS;
  } catch {
    // layout changed in a future ts-morph: fall back to its public export
    loaded = (await import("ts-morph")).ts;
  }
  return loaded;
}

export interface ParseError {
  line: number;
  column: number;
  message: string;
}

/** Parses one file; syntax errors come back as data so the caller can report them and move on. */
export function parse(
  ts: TS,
  path: string,
  text: string,
): { sf: SourceFile; errors: ParseError[] } {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  // parseDiagnostics is internal but stable; it is what `tsc` reports as syntax errors
  const raw = (sf as unknown as { parseDiagnostics?: TsNamespace.DiagnosticWithLocation[] })
    .parseDiagnostics;
  const errors = (raw ?? []).map((d) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
    return {
      line: line + 1,
      column: character + 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, " "),
    };
  });
  return { sf, errors };
}
