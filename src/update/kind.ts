/**
 * What `capkit update` needs of one kind of integration (the pull kind's operations, a receiver's
 * webhook events): the models of the update, and how to emit a generation of each. The rest of an
 * update — merging, inserting through the syntax tree, writing, verifying — is the same for both.
 */
import type { EmittedFile } from "../emit/context.js";

/** What the update flow reads of a model, whichever the kind. */
export interface Generation {
  source: string;
  title: string;
  version: string;
  document: Record<string, unknown>;
}

export interface KindUpdate<M extends Generation> {
  /** What the integration is made of: `operation` or `event` (for the report). */
  unit: "operation" | "event";
  /** The ids the manifest records, in its order. */
  recorded: string[];
  /** The integration as it will be: the recorded ids the spec still has, then the added ones. */
  full: M;
  /** The same without the added ones: what the hand-owned files are merged towards. */
  common: M;
  added: string[];
  /** Recorded ids that left the spec. */
  removed: string[];
  /** Recorded id → the id the same place has now. */
  renamed: Map<string, string>;
  /** Every file of a generation, formatted, the manifest last. */
  emit(model: M): Promise<EmittedFile[]>;
  /** Only the hand-owned files of a generation, unformatted. */
  emitHand(model: M): Promise<EmittedFile[]>;
  /** These recorded ids as capkit generates them today from the recorded spec (the snapshot). */
  fromSnapshot(ids: string[]): M | undefined;
  /** Names the code of these recorded ids uses; undefined when the manifest records none. */
  names(ids: readonly string[]): Set<string> | undefined;
}

/** The names a manifest records per id (`transform`, `schema`, `sample`…), the record's stem aside. */
export function recordedNames(
  names: Record<string, Record<string, unknown>> | undefined,
  ids: readonly string[],
): Set<string> | undefined {
  if (!names) return undefined;
  return new Set(
    ids.flatMap((id) =>
      Object.entries(names[id] ?? {})
        .filter(([key, value]) => key !== "record" && typeof value === "string")
        .map(([, value]) => String(value)),
    ),
  );
}
