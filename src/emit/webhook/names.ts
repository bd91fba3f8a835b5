/** File names of a receiver: `<service>_webhook.ts` and its siblings, spelled in one place. */
import type { ReceiverModel, RecordKind, WebhookEventModel } from "../../model/types.js";
import { kindClass } from "../names.js";

export interface ReceiverFiles {
  main: string;
  types: string;
  transform: string;
  test: string;
  samples: string;
  typesPart(n: number): string;
  samplesPart(n: number): string;
}

export function receiverFiles(model: Pick<ReceiverModel, "fileBase">): ReceiverFiles {
  const base = model.fileBase;
  return {
    main: `${base}.ts`,
    types: `${base}_types.ts`,
    transform: `${base}_transform.ts`,
    test: `${base}.test.ts`,
    samples: `${base}_samples.ts`,
    typesPart: (n) => `${base}_types_${n}.ts`,
    samplesPart: (n) => `${base}_samples_${n}.ts`,
  };
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export function eventNames(event: Pick<WebhookEventModel, "recordName" | "recordKind">) {
  const kind = kindClass(event.recordKind as RecordKind);
  return {
    kind,
    transform: `to${event.recordName}${kind}`,
    schema: `${event.recordName}Event`,
    handler: `on${event.recordName}`,
    sample: `${lowerFirst(event.recordName)}Sample`,
  };
}
