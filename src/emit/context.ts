/** Options of one emit run, defaulted once at the entry point. */
export interface EmitContext {
  /** capkit's version, written in headers and the manifest. */
  version: string;
  /** Lines a file may have; the generator stays under the linter's warning threshold. */
  lineBudget: number;
}

export type FileOwner = "generated" | "hand";

export interface EmittedFile {
  /** Path relative to the integration folder. */
  path: string;
  content: string;
  owner: FileOwner;
}
