/** One document's fate in a corpus run. */
export type Status = "ok" | "rejected" | "broken";

export interface DocumentResult {
  /** Path relative to the corpus folder. */
  path: string;
  service: string;
  status: Status;
  /** For `rejected`: capkit's message. For `broken`: every reason found. */
  reasons: string[];
  operations: number;
  files: number;
  maxLines: number;
  testsPassed: number;
  testsRed: number;
  generateMs: number;
}

export interface CorpusReport {
  folder: string;
  capkit: string;
  node: string;
  documents: DocumentResult[];
  totals: Record<Status, number> & { documents: number };
  timings: {
    generateMs: number;
    typecheckMs: number;
    lintMs: number;
    eslintMs: number;
    testsMs: number;
    totalMs: number;
  };
}
