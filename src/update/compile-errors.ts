/**
 * tsc's errors in the hand-owned files, each put on the hand-written function it falls in
 * (`toHostAsset`, `Scanhub.invoke`, `test "toHostAsset maps…"`): after an update, that is the
 * list of places the new types broke.
 */
import { basename } from "node:path";

export interface CompileError {
  file: string;
  line: number;
  column: number;
  /** The enclosing function, method or test; `(module)` at the top level. */
  function: string;
  code: string;
  message: string;
}

const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const LINE_ANYWHERE = /\(\d+,\d+\): error TS\d+:/;

export async function compileErrors(
  output: string,
  files: ReadonlyMap<string, string>,
): Promise<CompileError[]> {
  const out: CompileError[] = [];
  if (!LINE_ANYWHERE.test(output)) return out;
  // ts-morph (and its TypeScript) is loaded only when there is an error to place
  const { enclosing } = await import("./enclosing.js");
  for (const raw of output.split("\n")) {
    const match = LINE.exec(raw.trim());
    if (!match) {
      // tsc continues a long message on indented lines
      const last = out.at(-1);
      if (last && /^\s+\S/.test(raw)) last.message += ` ${raw.trim()}`;
      continue;
    }
    const [, path = "", line = "0", column = "0", code = "", message = ""] = match;
    const file = basename(path);
    const text = files.get(file);
    if (text === undefined) continue;
    out.push({
      file,
      line: Number(line),
      column: Number(column),
      function: enclosing(text, file, Number(line), Number(column)),
      code,
      message,
    });
  }
  return out;
}

export function formatCompileErrors(errors: readonly CompileError[]): string[] {
  const byFunction = new Map<string, CompileError[]>();
  for (const e of errors) {
    const key = `${e.file} › ${e.function}`;
    byFunction.set(key, [...(byFunction.get(key) ?? []), e]);
  }
  return [...byFunction].flatMap(([where, list]) => [
    `  ${where}`,
    ...list.map((e) => `    ${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`),
  ]);
}
