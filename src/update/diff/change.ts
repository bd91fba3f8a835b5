/**
 * One difference between the recorded spec and the new one, classed the way oasdiff classes it:
 * its ERR and WARN levels (the integration can break) are `breaking`, INFO is not.
 * Ids follow oasdiff's check ids where one exists (`response-property-enum-value-added`).
 */
export interface SpecChange {
  /** The operation id as recorded in the manifest, or `*` for the integration as a whole. */
  operation: string;
  id: string;
  breaking: boolean;
  /** Where: `response 200 hosts[].hostname`, `query parameter severity`, `security`. */
  where: string;
  message: string;
}

export type ChangeSink = (change: Omit<SpecChange, "operation">) => void;
