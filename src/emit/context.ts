/** Options of one emit run, defaulted once at the entry point. */
export interface EmitContext {
  /** capkit's version, written in headers and the manifest. */
  version: string;
  /** Lines a file may have; the generator stays under the linter's warning threshold. */
  lineBudget: number;
  /**
   * Where the per-operation invoke tests go: in the test file (`single`), in their own
   * `_invoke.test.ts` (`split`), or in their own file when the test file would pass the line budget
   * (`auto`, a first generation). An update keeps the layout the integration has.
   */
  testLayout?: TestLayout;
  /**
   * The budget the `auto` layout measures the test file against: the configured one, also when the
   * generated files are packed again tighter (`lineBudget` then shrinks).
   */
  testBudget?: number;
}

export type TestLayout = "auto" | "single" | "split";

export type FileOwner = "generated" | "hand";

export interface EmittedFile {
  /** Path relative to the integration folder. */
  path: string;
  content: string;
  owner: FileOwner;
}
