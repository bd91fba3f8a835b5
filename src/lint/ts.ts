// ts-morph bundles its own TypeScript; we use only its parser (no Project, no type checker, no lib
// files) and load it lazily: `capkit lint` on files that need no parsing never pays for it.
import type { ts as TsNamespace } from "ts-morph";

export type TS = typeof TsNamespace;
export type Node = TsNamespace.Node;
export type SourceFile = TsNamespace.SourceFile;
export type ClassDeclaration = TsNamespace.ClassDeclaration;
export type CallExpression = TsNamespace.CallExpression;
export type MethodDeclaration = TsNamespace.MethodDeclaration;
export type Expression = TsNamespace.Expression;

let loaded: TS | undefined;

export async function loadTs(): Promise<TS> {
  loaded ??= (await import("ts-morph")).ts;
  return loaded;
}

export interface ParseError {
  line: number;
  column: number;
  message: string;
}

/** Parses one file; syntax errors come back as data so the caller can report them and move on. */
export function parse(ts: TS, path: string, text: string): { sf: SourceFile; errors: ParseError[] } {
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
