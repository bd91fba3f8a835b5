/**
 * The spec and what the heuristics make of a selection, held between prompts: the document is read
 * once, and the model of a selection is built once for every prompt that needs it (pagination
 * styles, the detected credential check).
 */
import { specLimits } from "../src/cli/spec-limits.js";
import type { IntegrationModel, ValidationCall } from "../src/model/types.js";
import type { LoadedSpec, OperationSummary } from "../src/openapi/index.js";
import type { WebhookSummary } from "../src/openapi/select-webhooks.js";

export class SpecSession {
  source = "";
  loaded: LoadedSpec | undefined;
  operations: OperationSummary[] = [];
  webhooks: WebhookSummary[] = [];
  /** The detected signature scheme of a document with webhooks. */
  signature: string | undefined;
  #probed: { key: string; model: IntegrationModel } | undefined;
  #buildModel: typeof import("../src/model/index.js").buildModel | undefined;

  async load(source: string): Promise<void> {
    if (this.loaded && source === this.source) return;
    const { loadSpec, listOperations } = await import("../src/openapi/index.js");
    const { listWebhooks } = await import("../src/openapi/select-webhooks.js");
    const { detectSignature } = await import("../src/openapi/signature-preset.js");
    this.loaded = await loadSpec(source, {
      ...(process.env.CAPKIT_SPEC_HEADER ? { header: process.env.CAPKIT_SPEC_HEADER } : {}),
      ...specLimits({}),
    });
    this.source = source;
    this.operations = listOperations(this.loaded);
    this.webhooks = listWebhooks(this.loaded);
    this.signature = this.webhooks.length > 0 ? detectSignature(this.loaded.document) : undefined;
    this.#buildModel = (await import("../src/model/index.js")).buildModel;
    this.#probed = undefined;
  }

  find(id: string): OperationSummary | undefined {
    return this.operations.find((op) => op.operationId === id);
  }

  /** The model of a selection, built once; undefined when the ids do not make one. */
  probe(ids: string[]): IntegrationModel | undefined {
    const key = ids.join("\n");
    if (this.#probed?.key === key) return this.#probed.model;
    if (!this.loaded || !this.#buildModel || ids.length === 0) return undefined;
    try {
      const model = this.#buildModel(this.loaded, { name: "probe", operations: ids });
      this.#probed = { key, model };
      return model;
    } catch {
      // an unknown id is reported by the operations prompt
      return undefined;
    }
  }

  pagination(ids: string[], id: string): string {
    return (
      this.probe(ids)?.operations.find((o) => o.operationId === id)?.pagination.style ?? "none"
    );
  }

  validation(ids: string[]): ValidationCall | undefined {
    return this.probe(ids)?.validation;
  }

  /** The auth scheme the spec declares (bearer when it declares none, the platform default). */
  auth(): string {
    if (!this.loaded || !this.#buildModel) return "bearer";
    try {
      return this.#buildModel(this.loaded, { name: "probe" }).auth.kind;
    } catch {
      return "bearer";
    }
  }
}
